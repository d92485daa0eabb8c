import { Tag } from 'antd';
import { useT } from '../../i18n/i18n-context';
import type { ExitPlanStatus, RmaStatus, WorkOrderStatus } from '../../types-returns';

const RMA_COLOURS: Record<RmaStatus, string> = {
  authorised: 'blue',
  received: 'gold',
  inspected: 'purple',
  closed: 'green',
  cancelled: 'default',
};

const WORK_ORDER_COLOURS: Record<WorkOrderStatus, string> = {
  requested: 'blue',
  in_progress: 'gold',
  done: 'green',
  cancelled: 'default',
};

const EXIT_COLOURS: Record<ExitPlanStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'purple',
  in_progress: 'gold',
  done: 'green',
  cancelled: 'default',
};

export function RmaStatusTag({ status }: { status: RmaStatus }) {
  const t = useT();
  return (
    <Tag color={RMA_COLOURS[status]} data-testid="rma-status">
      {t(`returns.status.${status}`)}
    </Tag>
  );
}

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const t = useT();
  return <Tag color={WORK_ORDER_COLOURS[status]}>{t(`workOrders.status.${status}`)}</Tag>;
}

export function ExitPlanStatusTag({ status }: { status: ExitPlanStatus }) {
  const t = useT();
  return <Tag color={EXIT_COLOURS[status]}>{t(`exitPlans.status.${status}`)}</Tag>;
}

/** Hours as the processing clock shows them: "5.5 h", or days past two days ("3.2 d"). */
export function formatHours(hours: number | null | undefined, t: ReturnType<typeof useT>): string | null {
  if (hours === null || hours === undefined) return null;
  if (hours >= 48) return t('returns.clock.days', { value: (hours / 24).toFixed(1) });
  return t('returns.clock.hours', { value: hours.toFixed(1) });
}

/** Photo references typed one per line or separated by commas. */
export function parsePhotos(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}
