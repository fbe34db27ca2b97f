/// <reference lib="dom" />
/**
 * A newcomer's first minutes in Chromium: the home page, sign-in as each demo role, the role's home,
 * the organisation pages with the coverage figures, staff administration, at desktop and 360 px width.
 * Every page: no axe-core WCAG 2.1 AA violation, under 100 KB transferred, usable with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('platform in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  const signIn = (page: Page, username: string) => h.signIn(page, username);

  const checkPage = (page: Page, url: string) => h.checkPage(page, url);

  it('shows the public home with the demo banner and a sign-in link', async () => {
    const { context, page } = await h.newPage();
    await checkPage(page, '/');
    await expect.poll(() => page.locator('.banner').textContent()).toContain('Dữ liệu minh họa');
    await page.getByRole('link', { name: 'Đăng nhập' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng nhập');
    await context.close();
  });

  it('summarises errors at the top and keeps the input on a failed sign-in', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('demo.clerk');
    await page.getByLabel('Mật khẩu').fill('wrong password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.title()).toMatch(/^Lỗi: /);
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await expect.poll(() => page.getByLabel('Tên đăng nhập').inputValue()).toBe('demo.clerk');
    await context.close();
  });

  for (const [username, roleText] of [
    ['demo.clerk', 'Nhân viên tiếp nhận'],
    ['demo.officer', 'Cán bộ cơ quan'],
    ['demo.courier', 'Bưu tá'],
    ['demo.manager', 'Quản lý'],
    ['demo.admin', 'Quản trị hệ thống'],
    ['demo.auditor', 'Kiểm toán'],
  ] as const) {
    it(`signs in as ${username} at 360 px and sees that role's home`, async () => {
      const { context, page } = await h.newPage({ width: 360, height: 740 });
      await signIn(page, username);
      await expect.poll(() => page.locator('main h3').first().textContent()).toContain(roleText);
      await checkPage(page, '/');
      await page.getByRole('button', { name: /Đăng xuất/ }).click();
      await page.waitForURL(`${h.baseUrl}/login`);
      await context.close();
    });
  }

  it('browses units, service points with the 1/1, 17/17, 14/220 coverage, and agencies', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.manager');
    await checkPage(page, '/org/units?at=2025-06-30&level=district&parent=64');
    await expect.poll(() => page.locator('main').textContent()).toContain('17 đơn vị');
    await checkPage(page, '/org/service-points?at=2022-09-14');
    const coverage = page.locator('main table').first();
    await expect.poll(() => coverage.textContent()).toContain('1/1');
    await expect.poll(() => coverage.textContent()).toContain('17/17');
    await expect.poll(() => coverage.textContent()).toContain('14/220');
    await checkPage(page, '/org/coverage');
    await checkPage(page, '/org/agencies');
    await expect.poll(() => page.locator('main').textContent()).toContain('Bảo hiểm xã hội tỉnh Gia Lai');
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.manager');
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Welcome');
    await page.goto('/org/units');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Administrative units');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Đơn vị hành chính');
    await context.close();
  });

  it('lets the admin create a clerk account with the keyboard, and the clerk can sign in', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.admin');
    await checkPage(page, '/admin/users');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('clerk.iato');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Siu H’Mai');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mot-mat-khau-dai');
    await page.getByLabel('Vai trò').selectOption('clerk');
    await page.getByLabel('Mã bộ phận một cửa (nhân viên tiếp nhận)').fill('H21.52.23776');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('clerk.iato');
    await expect.poll(() => page.locator('table').textContent()).toContain('Siu H’Mai');
    await context.close();

    const second = await h.newPage();
    await second.page.goto('/login');
    await second.page.getByLabel('Tên đăng nhập').fill('clerk.iato');
    await second.page.getByLabel('Mật khẩu').fill('mot-mat-khau-dai');
    await second.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => second.page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Siu H’Mai');
    await second.context.close();
  });

  it('shows the OpenAPI page and health', async () => {
    const { context, page } = await h.newPage();
    const health = await page.goto('/health');
    expect(await health?.json()).toMatchObject({ status: 'ok' });
    await page.goto('/api/v1/docs');
    await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain('MotCua API');
    await context.close();
  });
});
