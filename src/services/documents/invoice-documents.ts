/** Invoice documents: the invoice PDF in English or Chinese, for the seller it bills and for staff. */
import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/connect.js';
import { recordAudit } from '../../db/repositories/audit-log.js';
import { inScope } from '../../db/tenancy.js';
import { type AppError, appError } from '../../domain/shared/errors.js';
import { err, ok, type Result } from '../../domain/shared/result.js';
import type { BillingService } from '../billing/billing.js';
import { type Actor, type ServiceDeps, scopeOf } from '../context.js';
import { invoicePdf } from './invoice-pdf.js';
import type { PdfLanguage } from './pdf.js';

export function createInvoiceDocumentService(deps: ServiceDeps, billing: BillingService) {
  const { database, clock } = deps;

  /**
   * The PDF and its file name, by id or by number (INV-2026-000001, for the CLI); another
   * seller's invoice is not found (the billing service checks).
   */
  async function pdf(
    actor: Actor,
    invoiceKey: string,
    language: PdfLanguage,
  ): Promise<Result<{ bytes: Buffer; fileName: string }, AppError>> {
    let invoiceId = invoiceKey;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(invoiceKey)) {
      const [row] = await inScope(database.db, scopeOf(actor), (tx) =>
        selectRows<{ id: string }>(tx, sql`SELECT id FROM invoices WHERE number = ${invoiceKey.toUpperCase()}`),
      );
      if (!row) return err(appError('not_found', `No invoice ${invoiceKey}.`));
      invoiceId = row.id;
    }
    const view = await billing.get(actor, invoiceId);
    if (!view.ok) return view;
    const { invoice } = view.value;
    const parties = await inScope(database.db, scopeOf(actor), async (tx) => {
      const [provider] = await selectRows<{ name: string; legal_name: string | null; contact_email: string | null }>(
        tx,
        sql`SELECT name, legal_name, contact_email FROM installation WHERE id = 1`,
      );
      const [seller] = await selectRows<{ code: string; name: string; name_zh: string | null }>(
        tx,
        sql`SELECT code, name, name_zh FROM accounts WHERE id = ${invoice.accountId}`,
      );
      // A document download is an action, not a row change: logged with who took it.
      await recordAudit(tx, {
        entityType: 'invoices',
        entityId: invoice.id,
        action: 'download_pdf',
        accountId: invoice.accountId,
        after: { number: invoice.number, status: invoice.status, language },
      });
      return {
        provider: {
          name: provider?.name ?? 'Landed',
          legalName: provider?.legal_name ?? null,
          contactEmail: provider?.contact_email ?? null,
        },
        seller: { code: seller?.code ?? view.value.accountCode, name: seller?.name ?? '', nameZh: seller?.name_zh ?? null },
      };
    });
    const bytes = await invoicePdf(view.value, parties, {
      language,
      generatedAt: invoice.finalizedAt ?? invoice.computedAt ?? clock.now(),
    });
    const base = invoice.number ?? `draft-${view.value.accountCode}-${invoice.period}`;
    return ok({ bytes, fileName: `${base}${language === 'zh-CN' ? '-zh' : ''}.pdf` });
  }

  return { pdf };
}

export type InvoiceDocumentService = ReturnType<typeof createInvoiceDocumentService>;
