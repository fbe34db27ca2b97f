/// <reference lib="dom" />
/**
 * Report pages in Chromium (manager): the monthly report with its grouping form, the dashboard and
 * the QĐ 766 index, in Vietnamese and English, at desktop and 360 px. Every page: no axe-core
 * violation, under 100 KB, no sideways scrolling; the SVG chart has a text alternative; the XLSX
 * link downloads a spreadsheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { act, LONG_SESSIONS, receiveAtCounter, registerProcedure } from '../dossiers/builders.ts';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('report pages in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness({ config: LONG_SESSIONS });
    await registerProcedure(h.t);
    const a = await receiveAtCounter(h.t);
    await act(h.t, 'demo.clerk', a, { action: 'forward' });
    await receiveAtCounter(h.t, { channel: 'online' });
    const b = await receiveAtCounter(h.t);
    await act(h.t, 'demo.clerk', b, { action: 'forward' });
    h.t.clock.advance(86_400_000);
    await act(h.t, 'demo.officer', b, { action: 'complete', result: { kind: 'electronic', number: 'KQ-1' } });
  }, 120_000);
  afterAll(async () => h?.close());

  it('shows the monthly report, grouped by service point, with a chart and downloads', async () => {
    const { context, page } = await h.newPage();
    await h.signIn(page, 'demo.manager');
    await h.checkPage(page, '/reports');
    await page.getByRole('link', { name: 'Báo cáo tháng (TTHC)' }).first().click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Báo cáo tình hình');
    await page.getByLabel('Nhóm theo').selectOption('service_point');
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect.poll(() => page.locator('main table').textContent()).toContain('H21.52');
    await h.checkPage(page, page.url().replace(h.baseUrl, ''));
    await expect
      .poll(() => page.locator('svg[role="img"]').getAttribute('aria-label'))
      .toContain('Kết quả giải quyết');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await context.close();
  });

  it('shows the dashboard and the 766 index at 360 px, and in English', async () => {
    const { context, page } = await h.newPage({ width: 360, height: 740 });
    await h.signIn(page, 'demo.manager');
    await h.checkPage(page, '/reports/dashboard');
    await expect.poll(() => page.locator('main').textContent()).toContain('Cần xử lý');
    await h.checkPage(page, '/reports/index-766');
    await expect.poll(() => page.locator('main').textContent()).toContain('Tổng điểm');
    await h.checkPage(page, '/reports/index-766?lang=en');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Service-quality index');
    await h.checkPage(page, '/reports/dashboard?lang=en');
    await expect.poll(() => page.locator('main').textContent()).toContain('Late rate');
    await context.close();
  });
});
