/**
 * Billing in a real browser: finance runs billing for the demo's month and follows its progress,
 * opens a draft invoice, drills a line down to its events (recounted), and reads the cost
 * reports; then a seller sees only its own invoices, disputes a line and writes in the thread, and
 * finance takes the dispute under review. Screenshots (zh-CN) under test-output/browser/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from './portal-harness.js';

let portal: Portal;
let baseUrl: string;
let page: Page;

const shot = (name: string) => portal.shot(name);

beforeAll(async () => {
  portal = await startPortal('billing');
  ({ baseUrl, page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

async function login(email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-bills').waitFor();
}

/** The invoice links on the page, by data-testid (invoice-link-ACCOUNT-PERIOD). */
const invoiceLinks = () =>
  page.evaluate(() =>
    Array.from(
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }
      ).document.querySelectorAll('[data-testid^="invoice-link-"]'),
    ).map((a) => a.getAttribute('data-testid') ?? ''),
  );

describe('bills as finance', () => {
  let period = '';

  it('runs billing for a month and follows the run to the drafts', async () => {
    await login('finance@demo.landed.dev', 'demo-finance-2026');
    // Provider staff read English by default: switch to Chinese for the screenshots.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-option-zh-CN').click();
    await expect.poll(() => page.getByTestId('nav-bills').innerText()).toBe('账单');
    await page.getByTestId('nav-bills').click();
    await page.getByTestId('invoice-table').waitFor();
    // The demo billed a month into drafts: run that month again (a re-run rewrites the same drafts).
    const first = (await page.evaluate(() => fetch('/v1/invoices?limit=1').then((r) => r.json()))) as { data: { period: string }[] };
    period = first.data[0]?.period as string;
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    await page.getByTestId('billing-run-open').click();
    await page.getByTestId('billing-run-period').click();
    await page.locator('.ant-select-item-option').filter({ hasText: period }).first().click();
    await page.getByTestId('billing-run-start').click();
    await page.getByTestId('billing-run-progress').waitFor();
    await page.getByTestId('billing-run-done').waitFor({ timeout: 60_000 });
    await shot('billing-01-run-done');
    await page.getByTestId('billing-run-show-drafts').click();
    await expect.poll(async () => (await invoiceLinks()).length).toBeGreaterThan(0);
    for (const link of await invoiceLinks()) expect(link.endsWith(`-${period}`)).toBe(true);
    const accounts = new Set((await invoiceLinks()).map((l) => l.replace(/^invoice-link-/, '').replace(`-${period}`, '')));
    expect(accounts.size).toBeGreaterThan(1);
    await shot('billing-02-drafts');
  });

  it('opens an invoice: header, lines by module with subtotals, CNY equivalent', async () => {
    const link = (await invoiceLinks()).find((l) => l.includes('THREADLINE')) ?? ((await invoiceLinks())[0] as string);
    await page.getByTestId(link).click();
    await page.getByTestId('invoice-header').waitFor();
    expect(await page.getByTestId('invoice-header').innerText()).toContain(period);
    await expect.poll(() => page.locator('[data-testid^="module-subtotal-"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('invoice-total').innerText()).toMatch(/\d/);
    // A draft has no number yet: the header says so (草稿).
    expect(await page.getByTestId('invoice-status-draft').count()).toBeGreaterThan(0);
    await shot('billing-03-invoice');
  });

  it('drills a line down to its events and their records, recounted', async () => {
    await page.locator('[data-testid^="line-open-"]').first().click();
    await page.getByTestId('line-drilldown').waitFor();
    await page.getByTestId('line-recount').waitFor();
    expect(await page.getByTestId('line-recount').getAttribute('class')).toContain('success');
    await expect.poll(() => page.getByTestId('line-event-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot('billing-04-drilldown');
    await page.keyboard.press('Escape');
  });

  it('shows the cost reports with charts', async () => {
    await page.getByTestId('nav-billing-reports').click();
    await page.getByTestId('billing-reports').waitFor();
    await page.getByTestId('report-fee-mix-chart').waitFor();
    await expect.poll(() => page.getByTestId('report-months-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot('billing-05-reports');
  });
});

describe('bills as a seller', () => {
  it('sees only its own invoices', async () => {
    await page.context().clearCookies();
    await login('owner@threadline.demo', 'demo-seller-2026');
    await page.getByTestId('nav-bills').click();
    await page.getByTestId('invoice-table').waitFor();
    await expect.poll(async () => (await invoiceLinks()).length).toBeGreaterThan(0);
    for (const link of await invoiceLinks()) expect(link.startsWith('invoice-link-THREADLINE-')).toBe(true);
    expect(await page.getByTestId('billing-run-open').count()).toBe(0);
    const api = (await page.evaluate(() => fetch('/v1/invoices?limit=200').then((r) => r.json()))) as { data: { account_code: string }[] };
    expect(api.data.length).toBeGreaterThan(0);
    for (const invoice of api.data) expect(invoice.account_code).toBe('THREADLINE');
    await shot('billing-06-seller-bills');
    await page.getByTestId('nav-billing-reports').click();
    await page.getByTestId('billing-reports').waitFor();
    await shot('billing-07-seller-reports');
  });

  let disputeNumber = '';
  it('disputes a line of its invoice and writes in the thread', async () => {
    await page.getByTestId('nav-bills').click();
    await expect.poll(async () => (await invoiceLinks()).length).toBeGreaterThan(0);
    await page.getByTestId((await invoiceLinks())[0] as string).click();
    await page.getByTestId('invoice-header').waitFor();
    await page.locator('[data-testid^="line-dispute-"]').first().click();
    await page.getByTestId('dispute-description').fill('我们只发了 3 箱，不是 4 箱。');
    await page.getByTestId('dispute-submit').click();
    await page.getByTestId('dispute-header').waitFor();
    await page.getByTestId('dispute-status-open').waitFor();
    await page.getByTestId('dispute-comment').fill('收货照片见入库计划附件。');
    await page.getByTestId('dispute-comment-send').click();
    await expect.poll(() => page.getByTestId('dispute-thread').innerText()).toContain('收货照片');
    disputeNumber = (await page.locator('.page-header h3').innerText()).split(/\s/)[0] as string;
    expect(disputeNumber).toMatch(/^DSP-/);
    await shot('billing-08-seller-dispute');
    await page.getByTestId('nav-claims').click();
    await page.getByTestId('claim-table').waitFor();
    await shot('billing-09-seller-claims');
  });

  it('finance sees the dispute and takes it under review', async () => {
    await page.context().clearCookies();
    await login('finance@demo.landed.dev', 'demo-finance-2026');
    await page.getByTestId('nav-disputes').click();
    await page.getByTestId(`dispute-link-${disputeNumber}`).click();
    await page.getByTestId('dispute-review').click();
    await page.getByTestId('dispute-status-under_review').waitFor();
    await shot('billing-10-finance-dispute');
  });
});
