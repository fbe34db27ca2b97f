/// <reference lib="dom" />
/**
 * The citizen portal in Chromium (issue #7): a citizen checks a dossier by code + last four phone
 * digits (errors summarised at the top, input kept), opens it by the QR address of Mẫu 01, rates it
 * once it is returned, and a clerk runs the rating kiosk on a counter tablet. The citizen pages run
 * with JavaScript off. Every page: no axe-core WCAG 2.1 AA violation, under 60 KB transferred, no
 * sideways scroll (360 px for the citizen, a 800 px tablet for the kiosk).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  checkNavigation,
  HAS_CHROMIUM,
  startBrowserHarness,
  type BrowserHarness,
} from '../helpers/browser.ts';
import { act, intakeBody, PATH_TO, post, registerProcedure } from '../dossiers/builders.ts';

const MAX_BYTES = 60_000;
const PHONE4 = '5678'; // the builders' applicant: 0912 345 678
let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('citizen portal in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness({ config: { sessionHours: 24 * 365 } });
    await registerProcedure(h.t);
  }, 120_000);
  afterAll(async () => h?.close());

  /** A dossier received at the counter (and driven to `returned` when asked): its code and intake token. */
  async function dossier(returned = false): Promise<{ code: string; token: string }> {
    const res = await post(h.t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(res.statusCode, res.body).toBe(201);
    const { code, lookupToken } = res.json() as { code: string; lookupToken: string };
    if (returned) for (const step of PATH_TO.returned) await act(h.t, step.user, code, step.body);
    return { code, token: lookupToken };
  }

  /** Runs `action` (a navigation) and checks the page it lands on: bytes, axe, no sideways scroll. */
  const checkAfter = (page: Page, action: () => Promise<unknown>, javaScript = true) =>
    // With JavaScript off nothing can run in the page (axe included): the same pages are checked with it on.
    checkNavigation(page, action, { maxBytes: MAX_BYTES, axe: javaScript });

  for (const javaScript of [true, false]) {
    describe(javaScript ? 'citizen, JavaScript on' : 'citizen, JavaScript off', () => {
      let citizen: { context: BrowserContext; page: Page };
      beforeAll(async () => {
        const context = await h.browser.newContext({
          viewport: { width: 360, height: 740 },
          locale: 'vi-VN',
          baseURL: h.baseUrl,
          javaScriptEnabled: javaScript,
        });
        context.setDefaultTimeout(15_000);
        citizen = { context, page: await context.newPage() };
      });
      afterAll(async () => citizen?.context.close());

      it('looks a dossier up by code and phone digits, keeping the input on errors ', async () => {
        const { page } = citizen;
        const check = (action: () => Promise<unknown>) => checkAfter(page, action, javaScript);
        const { code } = await dossier();
        await check(() => page.goto('/tra-cuu'));
        await page.getByLabel('Mã hồ sơ').fill(code);
        await page.getByLabel('4 số cuối điện thoại').fill('56');
        await check(() => page.getByRole('button', { name: 'Tra cứu' }).click());
        expect(await page.title()).toMatch(/^Lỗi: /);
        expect(await page.locator('.error-summary').innerText()).toContain('Nhập đúng 4 chữ số cuối');
        expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
        expect(await page.getByLabel('4 số cuối điện thoại').inputValue()).toBe('56');

        // Wrong digits: the same message as an unknown code.
        await page.getByLabel('4 số cuối điện thoại').fill('0000');
        await check(() => page.getByRole('button', { name: 'Tra cứu' }).click());
        expect(await page.locator('.error-summary').innerText()).toContain('Không tìm thấy hồ sơ');

        await page.getByLabel('4 số cuối điện thoại').fill(PHONE4);
        await check(() => page.getByRole('button', { name: 'Tra cứu' }).click());
        expect(await page.locator('h1').innerText()).toBe(`Hồ sơ ${code}`);
        const text = await page.locator('main').innerText();
        expect(text).toContain('Đã tiếp nhận');
        expect(text).toContain('Hẹn trả kết quả');
        expect(text).toContain('09:00 09/03/2026');
        expect(text).not.toContain('Nguyễn Văn An');
      });

      it('opens by the QR address in Vietnamese and English, and rates a returned dossier once', async () => {
        const { page } = citizen;
        const check = (action: () => Promise<unknown>) => checkAfter(page, action, javaScript);
        const { code, token } = await dossier(true);
        await check(() => page.goto(`/tra-cuu/${code}?token=${token}`));
        expect(await page.locator('main').innerText()).toContain('Đã trả kết quả');
        await check(() => page.goto(`/tra-cuu/${code}?token=${token}&lang=en`));
        expect(await page.locator('main').innerText()).toContain('Result returned');
        await check(() => page.goto(`/tra-cuu/${code}?token=${token}&lang=vi`));

        await check(() => page.getByRole('link', { name: 'Đánh giá mức độ hài lòng' }).click());
        // Sending without a choice: the error is summarised and the comment kept.
        await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình');
        await check(() => page.getByRole('button', { name: 'Gửi đánh giá' }).click());
        expect(await page.locator('.error-summary').innerText()).toContain('Chọn mức độ hài lòng');
        expect(await page.getByLabel('Góp ý (không bắt buộc)').inputValue()).toBe(
          'Cán bộ hướng dẫn tận tình',
        );
        await page.getByLabel('Rất hài lòng').check();
        await check(() => page.getByRole('button', { name: 'Gửi đánh giá' }).click());
        expect(await page.locator('h1').innerText()).toBe('Cảm ơn bạn đã đánh giá');

        // Once: the rating page now says so.
        await check(() => page.goto(`/danh-gia/${code}?token=${token}`));
        expect(await page.locator('main').innerText()).toContain('đã được đánh giá');
      });

      it('rates by link with the phone digits (the address notifications send)', async () => {
        const { page } = citizen;
        const check = (action: () => Promise<unknown>) => checkAfter(page, action, javaScript);
        const { code } = await dossier(true);
        await check(() => page.goto(`/danh-gia/${code}`));
        await page.getByLabel('4 số cuối điện thoại').fill(PHONE4);
        await page.getByLabel('Hài lòng', { exact: true }).check();
        await check(() => page.getByRole('button', { name: 'Gửi đánh giá' }).click());
        expect(await page.locator('main').innerText()).toContain('Hài lòng');
      });
    });
  }

  it('runs the rating kiosk on a counter tablet for the clerk', async () => {
    const { code } = await dossier(true);
    const tablet = await h.newPage({ width: 800, height: 1280 });
    const { page } = tablet;
    await h.signIn(page, 'demo.clerk');
    await checkAfter(page, () => page.goto('/kiosk/danh-gia'));
    await page.getByLabel('Mã hồ sơ').fill(code);
    await checkAfter(page, () => page.getByRole('button', { name: 'Mời đánh giá' }).click());
    expect(page.url()).toBe(`${h.baseUrl}/kiosk/danh-gia/${code}`);
    // The citizen may switch to English on the rating screen itself.
    await checkAfter(page, () => page.getByRole('link', { name: 'English' }).click());
    expect(await page.locator('h1').innerText()).toBe('Are you satisfied?');
    await checkAfter(page, () => page.getByRole('link', { name: 'Tiếng Việt' }).click());
    const buttons = page.locator('.kiosk-button');
    expect(await buttons.count()).toBe(3);
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox())))
      expect(box!.height).toBeGreaterThanOrEqual(88);
    await checkAfter(page, () => page.getByRole('button', { name: /Không hài lòng/ }).click());
    expect(page.url()).toBe(`${h.baseUrl}/kiosk/danh-gia?done=1`);
    expect(await page.locator('[role=status]').innerText()).toContain('Cảm ơn');
    await tablet.context.close();
  });
});
