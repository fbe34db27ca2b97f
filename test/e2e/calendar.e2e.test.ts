/// <reference lib="dom" />
/**
 * The calendar pages in Chromium: the public 2026 calendar (Tết 16–20/2, no axe violation, under
 * 100 KB, no sideways scroll at 360 px), and the admin adding a day off through the form — first
 * with a mistake (errors summarised at the top, input kept), then correctly — after which the
 * public page shows the new day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('calendar in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  const signIn = (page: Page, username: string) => h.signIn(page, username);

  const checkPage = (page: Page, url: string) => h.checkPage(page, url);

  it('shows the 2026 calendar with Tết 16–20/2, accessible and light, on desktop and at 360 px', async () => {
    for (const width of [1280, 360]) {
      const { context, page } = await h.newPage({ width, height: 800 });
      await checkPage(page, '/lich?year=2026');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Lịch nghỉ lễ, Tết năm 2026');
      const main = page.locator('main');
      await expect
        .poll(() => main.textContent())
        .toContain('Nghỉ Tết: Thứ Hai 16/02/2026 – Thứ Sáu 20/02/2026');
      await expect.poll(() => main.textContent()).toContain('mùng 1 tháng Giêng là Thứ Ba 17/02/2026');
      await expect.poll(() => main.textContent()).toContain('Chủ nhật 26/04/2026');
      await expect.poll(() => page.locator('.panel').first().textContent()).toContain('Chính thức');
      // February's grid marks the five Tết days.
      const february = page.locator('table.cal-month').nth(1);
      await expect.poll(() => february.locator('caption').textContent()).toContain('Tháng 2/2026');
      await expect.poll(() => february.locator('td.cal-off').count()).toBe(5);
      await context.close();
    }
  });

  it('goes to another year with the form, and marks a year without data as estimated', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/calendar?year=2026');
    await page.getByLabel('Năm', { exact: true }).fill('2031');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(/year=2031/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Lịch nghỉ lễ, Tết năm 2031');
    await expect.poll(() => page.locator('.panel').first().textContent()).toContain('Ước tính');
    await checkPage(page, '/lich?year=2031');
    await context.close();
  });

  it('lets the admin add a day off through the form; the public page then shows it', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.admin');
    await checkPage(page, '/lich?year=2026');
    await page.getByRole('link', { name: 'Sửa lịch năm 2026' }).click();
    await page.waitForURL(`${h.baseUrl}/admin/calendar/2026`);
    await checkPage(page, '/admin/calendar/2026');

    // The first empty row of the days off.
    const dateInput = page.locator('input[type="date"][name^="off-"][value=""]').first();
    const id = await dateInput.getAttribute('id');
    const row = id?.split('-')[1];
    expect(row).toBeDefined();

    // A mistake first: a date in another year, and no kind.
    await dateInput.fill('2027-11-24');
    await page.locator(`#off-${row}-name`).fill('Ngày Văn hóa Việt Nam');
    await page.getByRole('button', { name: 'Lưu bản sửa mới' }).click();
    await expect.poll(() => page.title()).toMatch(/^Lỗi: /);
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('Ngày 24/11/2027 không thuộc năm 2026');
    await expect.poll(() => summary.textContent()).toContain('Chọn loại ngày nghỉ');
    await expect.poll(() => page.locator(`#off-${row}-name`).inputValue()).toBe('Ngày Văn hóa Việt Nam');
    expect(await axeViolations(page)).toEqual([]);
    // The summary links to the field.
    await summary.getByRole('link', { name: /không thuộc năm 2026/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`off-${row}-date`);

    await page.locator(`#off-${row}-date`).fill('2026-11-24');
    await page.locator(`#off-${row}-kind`).selectOption('holiday');
    await page.getByRole('button', { name: 'Lưu bản sửa mới' }).click();
    await page.waitForURL(/saved=2/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã lưu bản sửa số 2');

    await page.getByRole('link', { name: 'Xem lịch công khai năm 2026' }).click();
    await page.waitForURL(/\/lich\?year=2026/);
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Ngày Văn hóa Việt Nam');
    await expect.poll(() => main.textContent()).toContain('Bản sửa số 2.');
    const november = page.locator('table.cal-month').nth(10);
    await expect.poll(() => november.locator('td.cal-off').textContent()).toContain('24');
    await context.close();
  });
});
