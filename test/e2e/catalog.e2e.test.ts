/// <reference lib="dom" />
/**
 * The procedure catalog in Chromium: a citizen searches "dang ky khai sinh" from the home page and
 * reads the procedure page; an admin publishes a new version through the staff pages and the public
 * page then shows the new time limit. Every page: no axe-core WCAG 2.1 AA violation, under 100 KB,
 * no sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/test-app.ts';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('procedure catalog in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness({ config: { rateLimitPublicPerMinute: 10_000 } });
  }, 120_000);
  afterAll(async () => h?.close());

  const checkPage = (page: Page, url: string) => h.checkPage(page, url);

  it('a citizen searches "dang ky khai sinh" and reads what to bring, the fees and the time limit', async () => {
    const { context, page } = await h.newPage();
    await checkPage(page, '/');
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/thu-tuc\?q=dang\+ky\+khai\+sinh/);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Tìm thấy \d+ thủ tục/);
    const first = page.locator('ol.results > li').first().getByRole('link');
    await expect.poll(() => first.textContent()).toBe('Đăng ký khai sinh');
    await checkPage(page, page.url());

    await page.locator('ol.results > li').first().getByRole('link').click();
    await page.waitForURL(`${h.baseUrl}/thu-tuc/1.001193`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng ký khai sinh');
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Giấy tờ cần mang theo');
    await expect
      .poll(() => page.locator('main table').first().textContent())
      .toContain('Tờ khai đăng ký khai sinh theo mẫu');
    await expect.poll(() => main.textContent()).toContain('8.000 đ');
    await expect.poll(() => main.textContent()).toContain('Trong ngày; hồ sơ nhận sau 15:00');
    await checkPage(page, '/thu-tuc/1.001193');
    await context.close();
  });

  it('the search page and the procedure page work at 360 px, and the filters narrow the list', async () => {
    const { context, page } = await h.newPage({ width: 360, height: 740 });
    await checkPage(page, '/thu-tuc?q=ket+hon');
    await page.getByLabel('Cấp thực hiện').selectOption('district');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/level=district/);
    await expect.poll(() => page.locator('ol.results > li').first().textContent()).toContain('Cấp huyện');
    await checkPage(page, '/thu-tuc/2.000488');
    await checkPage(page, '/thu-tuc/thong-ke');
    await checkPage(page, '/thu-tuc/1.001193?lang=en');
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('What to bring');
    await context.close();
  });

  it('an admin publishes a new time limit from a date; the public page then shows it', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('demo.admin');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${h.baseUrl}/`);

    await page.getByRole('link', { name: 'Danh mục thủ tục' }).first().click();
    await page.waitForURL(`${h.baseUrl}/admin/catalog`);
    await checkPage(page, '/admin/catalog');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.waitForURL(`${h.baseUrl}/admin/catalog/1.001193`);
    await checkPage(page, '/admin/catalog/1.001193');

    // An error first: the summary links to the field and the input is kept.
    await page.getByLabel('Số', { exact: true }).fill('năm');
    await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await expect.poll(() => page.title()).toMatch(/^Lỗi: /);
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Thời hạn giải quyết');
    await expect.poll(() => page.getByLabel('Số', { exact: true }).inputValue()).toBe('năm');

    await page.getByLabel('Số', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await page.waitForURL(/done=draft/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã lưu dự thảo');
    await expect.poll(() => page.locator('table.diff').textContent()).toContain('5 ngày làm việc');
    await checkPage(page, page.url());

    await page.getByLabel('Hiệu lực từ ngày').fill('2026-03-01');
    await page.getByLabel('Số quyết định công bố (nếu có)').fill('88/QĐ-UBND');
    await page.getByLabel('Ngày ký quyết định').fill('2026-02-25');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.waitForURL(/done=published/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã công bố phiên bản mới');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Đang áp dụng:\s*phiên bản\s*2/);
    await context.close();

    const citizen = await h.newPage();
    await citizen.page.goto('/thu-tuc/1.001193');
    await expect.poll(() => citizen.page.locator('main').textContent()).toContain('5 ngày làm việc');
    await expect.poll(() => citizen.page.locator('main').textContent()).toContain('88/QĐ-UBND');
    await citizen.context.close();
  });
});
