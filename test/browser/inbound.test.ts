/**
 * Inbound in a real browser: an operator receives the demo sea shipment with a scanner (typed
 * codes + Enter): a carton, units, an unknown code refused, an over-receipt confirmed; then the
 * seller sees the plan and its discrepancies. Screenshots under test-output/browser/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from './portal-harness.js';

let portal: Portal;
let baseUrl: string;
let page: Page;

const shot = (name: string) => portal.shot(name);
/** The data-testid of the focused element (evaluated in the page). */
const focused = () =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-testid') ?? null,
  );

beforeAll(async () => {
  portal = await startPortal('inbound');
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
  await page.getByTestId('nav-inbound').waitFor();
}

async function scan(code: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

describe('receiving by scanner', () => {
  let planUrl = '';

  it('opens the plan on the water from the receiving list', async () => {
    await login('operator@demo.landed.dev', 'demo-operator-2026');
    await page.getByTestId('nav-receiving').click();
    await page.getByTestId('receiving-plans').waitFor();
    await expect.poll(() => page.getByTestId('receiving-plans').innerText()).toContain('ASN-');
    await page.getByTestId('receiving-plans').getByRole('link', { name: /ASN-/ }).first().click();
    await page.getByTestId('receiving-input').waitFor();
    planUrl = page.url().replace('/receiving/', '/inbound/');
    await expect.poll(() => focused()).toBe('receiving-input');
  });

  it('opens a carton, counts units into it and keeps the focus for the next scan', async () => {
    const plan = (await page.evaluate((id) => fetch(`/v1/inbound-plans/${id}`).then((r) => r.json()), planUrl.split('/').pop())) as {
      cartons: { barcode: string; items: { seller_sku: string }[] }[];
    };
    const carton = plan.cartons[0]?.barcode as string;
    const sku = plan.cartons[0]?.items[0]?.seller_sku as string;
    await scan(carton);
    await expect.poll(() => page.getByTestId('receiving-feedback').getAttribute('data-tone')).toBe('ok');
    await expect.poll(() => page.getByTestId('receiving-carton').innerText()).toMatch(/1/);
    await scan(`20*${sku}`);
    await expect.poll(() => page.getByTestId('receiving-feedback').innerText()).toContain(sku);
    await expect.poll(() => focused()).toBe('receiving-input');
    await scan(`4*${sku}`);
    await expect.poll(() => page.getByTestId('plan-skus').innerText()).toContain('24');
    await shot('inbound-01-receiving-ok');

    await scan('NOT-ON-THIS-ASN');
    await expect.poll(() => page.getByTestId('receiving-feedback').getAttribute('data-tone')).toBe('error');
    expect(await page.getByTestId('receiving-feedback').innerText()).toContain('NOT-ON-THIS-ASN');
    await shot('inbound-02-receiving-unknown');
    await page.getByTestId('receiving-record-unknown').click();
    await expect.poll(() => page.getByTestId('plan-discrepancies').innerText()).toContain('NOT-ON-THIS-ASN');

    await page.getByTestId('receiving-input').focus();
    await scan(sku);
    await expect.poll(() => page.getByTestId('receiving-feedback').getAttribute('data-tone')).toBe('warn');
    await shot('inbound-03-receiving-over');
    await page.getByTestId('receiving-accept-over').click();
    await expect.poll(() => page.getByTestId('plan-discrepancies').innerText()).toMatch(/Over|多到/);
  });

  it('shows the seller the plan with its discrepancies and documents', async () => {
    await page.context().clearCookies();
    await login('owner@threadline.demo', 'demo-seller-2026');
    await page.goto(planUrl);
    await page.getByTestId('plan-number').waitFor();
    await expect.poll(() => page.getByTestId('plan-discrepancies').innerText()).toContain('NOT-ON-THIS-ASN');
    expect(await page.getByTestId('plan-status').innerText()).toMatch(/收货中|Receiving/);
    await page.getByTestId('nav-inbound').click();
    await expect.poll(() => page.getByTestId('inbound-table').innerText()).toContain('ASN-');
    await shot('inbound-04-seller-list');
  });
});
