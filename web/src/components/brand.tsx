import { useT } from '../i18n/i18n-context';

/** The product mark: a square "L" and the name. */
export function Brand({ collapsed = false, tagline = false }: { collapsed?: boolean; tagline?: boolean }) {
  const t = useT();
  return (
    <div className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1f5fbf" />
        <path d="M9 7h4v14h10v4H9z" fill="#fff" />
      </svg>
      {!collapsed && (
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          {tagline && <span className="brand-tagline">{t('app.tagline')}</span>}
        </span>
      )}
    </div>
  );
}
