/**
 * The portal in a real browser (Debian's chromium through playwright-core) against the built
 * server on an empty embedded database with demo data: log in, switch language, upload a SKU
 * sheet with a bad row, read the row error, fix it, import, and find the SKUs listed.
 * Screenshots are saved under test-output/browser/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from './portal-harness.js';

let portal: Portal;
let baseUrl: string;
let page: Page;

const shot = (name: string) => portal.shot(name);

function sheet(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const header = ['卖家SKU', '中文品名', '英文品名', '长', '宽', '高', '尺寸单位', '重量', '重量单位', '特殊属性'];
  const text = [header, ...rows].map((r) => r.join(',')).join('\n');
  return { name: 'new-skus.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

beforeAll(async () => {
  portal = await startPortal('portal');
  ({ baseUrl, page } = portal);
});

afterAll(async () => {
  await portal?.close();
});

describe('portal', () => {
  it('signs a seller in (Chinese by default for a zh-CN browser)', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('login-email').fill('owner@threadline.demo');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').isVisible()).toBe(true);
    await page.getByTestId('login-password').fill('demo-seller-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sku-table').waitFor();
    expect(page.url()).toContain('/skus');
    await expect.poll(() => page.getByTestId('sku-table').innerText()).toContain('TL-TEE');
    await expect.poll(() => page.getByTestId('sku-import-open').innerText()).toMatch(/导入/);
    await shot('01-skus-zh');
  });

  it('switches to English and remembers it for the user', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-option-en').click();
    await expect.poll(() => page.getByTestId('sku-import-open').innerText()).toBe('Import SKUs');
    await expect
      .poll(
        async () =>
          (await page.evaluate(() => fetch('/v1/auth/me').then((r) => r.json() as Promise<{ user: { locale: string } }>))).user.locale,
      )
      .toBe('en');
    await page.reload();
    await expect.poll(() => page.getByTestId('sku-import-open').innerText()).toBe('Import SKUs');
    await shot('02-skus-en');
  });

  it('shows the row error of a bad sheet, then imports the fixed one', async () => {
    await page.getByTestId('sku-import-open').click();
    await page.getByTestId('sku-import-file').waitFor();
    const bad = sheet([
      ['TL-NEW-1', '新款帽子', 'New cap', '25', '18', '12', 'cm', '110', 'g', ''],
      ['TL-NEW-2', '新款围巾', 'New scarf', '-30', '20', '3', 'cm', '150', 'g', '易碎'],
    ]);
    await page.locator('[data-testid="sku-import-file"] input[type=file]').setInputFiles(bad);
    await page.getByTestId('sku-import-validate').click();
    const errors = page.getByTestId('sku-import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('3'); // row 3 of the sheet (header is row 1)
    expect(text).toMatch(/greater than 0/);
    await shot('03-import-row-error');

    const fixed = sheet([
      ['TL-NEW-1', '新款帽子', 'New cap', '25', '18', '12', 'cm', '110', 'g', ''],
      ['TL-NEW-2', '新款围巾', 'New scarf', '30', '20', '3', 'cm', '150', 'g', '易碎'],
    ]);
    await page.locator('[data-testid="sku-import-file"] input[type=file]').setInputFiles(fixed);
    await page.getByTestId('sku-import-validate').click();
    await expect.poll(() => page.getByTestId('sku-import-summary').innerText()).toContain('2');
    await page.getByTestId('sku-import-submit').click();
    await page.getByTestId('sku-import-done').waitFor();
    await shot('04-import-done');
  });

  it('lists the imported SKUs', async () => {
    await page.goto(`${baseUrl}/skus`);
    await page.getByTestId('sku-search').fill('TL-NEW');
    await expect.poll(() => page.getByTestId('sku-table').innerText()).toContain('TL-NEW-2');
    const table = await page.getByTestId('sku-table').innerText();
    expect(table).toContain('TL-NEW-1');
    expect(table).toContain('New scarf');
    await shot('05-skus-imported');
  });

  it('quotes the seller’s catalogue and shows the itemized total', async () => {
    await page.goto(`${baseUrl}/quotes/new`);
    await page.getByTestId('quote-orders-per-day').waitFor();
    const orders = page.getByTestId('quote-orders-per-day');
    await ((await orders.evaluate((el) => el.tagName)) === 'INPUT' ? orders : orders.locator('input')).fill('40');
    await expect.poll(() => page.getByTestId('quote-use-catalogue').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('quote-use-catalogue').click();
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-total').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('quote-total').innerText()).toMatch(/\$[\d,]+\.\d\d/);
    expect(await page.getByTestId('quote-lines').innerText()).toMatch(/Order handling|订单操作费/);
    await shot('06-quote');
  });
});
