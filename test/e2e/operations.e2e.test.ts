/// <reference lib="dom" />
/**
 * Post-office operations in Chromium: the public transparency page (no login, < 60 KB, both languages,
 * 360 px), the coverage page with staffing per service point, and a manager's work with JavaScript off:
 * add a staff member (a mistake first: the errors are summarised and the input kept), assign them to a
 * counter, record their training, record an inspection, add a corrective action and close it.
 * Every page: no axe-core WCAG 2.1 AA violation, under the page-weight budget, no sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { bearer } from '../helpers/test-app.ts';
import { procedureVersion } from '../dossiers/builders.ts';
import { provideProcedure } from '../documents/procedure-fixture.ts';

const PROCEDURE = '1.001193.OPS';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('post-office operations in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
    await provideProcedure(
      h.t,
      procedureVersion({ code: PROCEDURE, name: 'Cấp Phiếu lý lịch tư pháp (vận hành)' }),
    );
  }, 120_000);
  afterAll(async () => h?.close());

  /** A manager's browser; axe-core needs JavaScript, so pages are checked with it on and used with it off. */
  async function manager(width = 1280, javaScriptEnabled = true) {
    const context = await h.browser.newContext({
      viewport: { width, height: 900 },
      locale: 'vi-VN',
      baseURL: h.baseUrl,
      javaScriptEnabled,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await h.signIn(page, 'demo.manager');
    return { context, page };
  }

  async function axeClean(page: Page) {
    expect(await axeViolations(page), page.url()).toEqual([]);
  }

  it('shows the public transparency page without login, light and accessible, in both languages', async () => {
    const { context, page } = await h.newPage({ width: 360, height: 740 });
    await h.checkPage(page, '/minh-bach?from=2026-03-01&to=2026-03-31', { maxBytes: 60_000 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Công khai');
    await expect.poll(() => page.locator('main').textContent()).toContain('Theo bộ phận một cửa');
    await h.checkPage(page, '/minh-bach?lang=en', { maxBytes: 60_000 });
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('public figures');
    await context.close();
  });

  it('shows coverage with staffing per service point and links to the exports', async () => {
    const { context, page } = await manager();
    await h.checkPage(page, '/org/coverage?at=2022-09-14');
    await expect.poll(() => page.locator('main').textContent()).toContain('Nhân sự theo bộ phận một cửa');
    const row = page.getByRole('row', { name: /H21\.64/ });
    await expect.poll(() => row.textContent()).toMatch(/20\s*6\s*3\s*3\s*1 \/ 2/);
    const href = await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).getAttribute('href');
    expect(href).toBe('/api/v1/reports/coverage?at=2022-09-14&format=xlsx');
    await context.close();
  });

  it('lets a manager add, assign and train a staff member, with errors summarised first', async () => {
    const { context, page } = await manager();
    await h.checkPage(page, '/operations/staff?at=2026-03-02');
    await page.getByLabel('Cơ quan (BHXH, Công an …)').check();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.title()).toMatch(/^Lỗi: /);
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Họ và tên: chưa nhập');
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('cán bộ cơ quan cần ghi mã cơ quan');
    await axeClean(page);
    await page.getByLabel('Họ và tên').fill('Siu H’Lan');
    await page.getByLabel('Mã cơ quan (cán bộ cơ quan)').fill('BHXH-TINH');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Siu H’Lan');
    await axeClean(page);
    await page.getByLabel('Mã bộ phận một cửa').fill('H21.52');
    await page.getByLabel('Số quầy').fill('15');
    await page.getByLabel('Từ ngày').fill('2026-03-02');
    await page.getByRole('button', { name: 'Phân công' }).click();
    await expect.poll(() => page.locator('main table').first().textContent()).toContain('H21.52');
    await page.getByLabel('Khóa bồi dưỡng').fill('Nghiệp vụ tiếp nhận hồ sơ BHXH');
    await page.getByLabel('Đơn vị tổ chức').fill('BHXH tỉnh Gia Lai');
    await page.getByLabel('Số giờ').fill('12');
    await page.getByLabel('Ngày hoàn thành').fill('2026-02-27');
    await page.getByLabel('Lĩnh vực TTHC (cách nhau bằng dấu phẩy)').fill('Bảo hiểm xã hội');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Nghiệp vụ tiếp nhận hồ sơ BHXH');
    const url = new URL(page.url()).pathname;
    await h.checkPage(page, url);
    await h.checkPage(page, '/operations/training?field=B%E1%BA%A3o%20hi%E1%BB%83m%20x%C3%A3%20h%E1%BB%99i');
    await expect.poll(() => page.locator('main table').first().textContent()).toContain('Siu H’Lan');
    await context.close();
  });

  it('records an inspection, adds a corrective action and closes it, with JavaScript off', async () => {
    const { context, page } = await manager(1280, false);
    await page.goto('/operations/inspections?at=2026-03-02');
    await page.getByLabel('Người kiểm tra').fill('Bưu điện tỉnh Gia Lai');
    await page.getByLabel('Mã bộ phận một cửa').fill('H21.52.23776');
    await page.getByLabel('Nội dung phát hiện').fill('Thiếu hòm thư góp ý.');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kiểm tra ngày');
    const path = new URL(page.url()).pathname;
    await page.getByLabel('Biện pháp khắc phục').fill('Lắp hòm thư góp ý');
    await page.getByLabel('Người chịu trách nhiệm').fill('Rơ Châm H’Bia');
    await page.getByLabel('Hạn hoàn thành').fill('2026-03-09');
    await page.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => page.locator('.results').textContent()).toContain('Đang khắc phục');
    await page.goto(`${path}?at=2026-03-10`);
    await expect.poll(() => page.locator('.results').textContent()).toContain('Quá hạn');
    await page.getByLabel('Kết quả khắc phục').fill('Đã lắp.');
    await page.getByRole('button', { name: 'Đóng biện pháp' }).click();
    await expect.poll(() => page.locator('.results').textContent()).toContain('Đã khắc phục');
    await context.close();
    // The same pages, checked with JavaScript on (axe-core runs in the page).
    const checked = await manager();
    await h.checkPage(checked.page, '/operations/inspections?at=2026-03-10');
    await h.checkPage(checked.page, `${path}?at=2026-03-10`);
    await checked.context.close();
  });

  it('times the clerk at the counter form: from the form shown to the outcome', async () => {
    const { context, page } = await h.newPage();
    await h.signIn(page, 'demo.clerk');
    await page.goto(`/counter?procedure=${PROCEDURE}`);
    h.t.clock.advance(4 * 60_000); // the applicant is served for four minutes
    await page.getByLabel(/^2\. Căn cước/).check(); // the declaration (1) is missing: guidance
    await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Trần Thị Bình');
    await page.getByLabel('Số định danh cá nhân (cá nhân)').fill('052190000456');
    await page.getByLabel('Số điện thoại').fill('0987 654 321');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Quy Nhơn, Gia Lai');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.waitForURL(/\/counter\/intake-records\//);
    await context.close();
    const res = await h.t.app.inject({
      url: '/api/v1/operations/clerk-figures?from=2026-03-01&to=2026-03-31',
      headers: bearer(await h.t.tokenFor('demo.manager')),
    });
    expect((res.json() as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ username: 'demo.clerk', counterSessions: 1, medianCounterSeconds: 240 }),
    );
  });

  it('shows clerk figures and the staff pages at 360 px', async () => {
    const { context, page } = await manager(360);
    for (const url of [
      '/operations/clerks?from=2026-03-01&to=2026-03-31',
      '/operations/inspections',
      '/operations/staff',
    ]) {
      await h.checkPage(page, url);
    }
    await context.close();
  });
});
