/** The invoice PDF, in English or Chinese. */
import { z } from 'zod';
import { errorResponses, IdParams } from '../dto.js';
import { orFail } from '../http-errors.js';
import { defineRoute } from '../route.js';

export const invoiceDocumentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/invoices/:id/pdf',
    summary: 'An invoice or credit note as a PDF (English or Chinese); drafts are marked DRAFT',
    description:
      'Provider and seller, number (or DRAFT), period, currency, card versions, every line with module, rule, card version, quantity, unit, rate and amount, subtotals by module, credit notes, total and CNY equivalent at the stated rate and date, and how to get the line-level detail and dispute a line.',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    querystring: z.object({ lang: z.enum(['en', 'zh-CN', 'zh']).default('en').describe('en, or zh-CN (zh accepted)') }),
    response: { 200: z.any().describe('application/pdf'), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const language = query.lang === 'en' ? 'en' : 'zh-CN';
      const { bytes, fileName } = orFail(await services.invoiceDocuments.pdf(actor, params.id, language));
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName}"`);
      return bytes;
    },
  }),
];
