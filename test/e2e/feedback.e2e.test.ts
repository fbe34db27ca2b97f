/// <reference lib="dom" />
/**
 * Feedback and complaints (PAKN) in Chromium, end to end:
 *  1. a citizen sends feedback on /gop-y: one question per page, errors summarised at the top with
 *     the input kept, check your answers (with a change), confirmation with the reference — once
 *     with JavaScript (axe-core on every page) and once without JavaScript;
 *  2. the clerk assigns it from the queue, the officer answers it, the manager publishes it;
 *  3. the public answers page shows it without personal data and takes a rating;
 *  4. asked for more, a submitter answers on the follow-up page with the reference and the token.
 * Every page: under 60 KB transferred, no axe-core WCAG 2.1 AA violation, no sideways scroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  checkNavigation,
  HAS_CHROMIUM,
  startBrowserHarness,
  type BrowserHarness,
} from '../helpers/browser.ts';
import { bearer } from '../helpers/test-app.ts';

let h: BrowserHarness;
let reference = '';
const MAX_BYTES = 60_000;
const EMAIL = 'lan.pham@example.vn';
const NAME = 'Phạm Thị Lan';

describe.skipIf(!HAS_CHROMIUM)('feedback (PAKN) in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  async function context(javaScript = true): Promise<{ context: BrowserContext; page: Page }> {
    const c = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
      baseURL: h.baseUrl,
      javaScriptEnabled: javaScript,
    });
    c.setDefaultTimeout(15_000);
    return { context: c, page: await c.newPage() };
  }

  /** Weight, axe (with JavaScript) and sideways scroll of the page a navigation leads to. */
  const check = (page: Page, navigate: () => Promise<unknown>, options: { axe?: boolean } = {}) =>
    checkNavigation(page, navigate, { maxBytes: MAX_BYTES, ...options });

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).first().textContent();
  const continueButton = (page: Page) => page.getByRole('button', { name: 'Tiếp tục' });

  it('a citizen sends feedback: one question per page, errors, check answers, confirmation', async () => {
    const { context: c, page } = await context();
    await check(page, () => page.goto('/gop-y'));
    // Nothing chosen: the error summary at the top links to the question.
    await check(page, () => continueButton(page).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Chọn loại');
    expect(await page.title()).toMatch(/^Lỗi: /);
    await page.locator('#kind-input').check();
    await check(page, () => continueButton(page).click());
    expect(await h1(page)).toContain('về nơi nào');
    // A dossier code that does not exist: an error, the input kept.
    await page.getByLabel('Mã hồ sơ (nếu có)').fill('H21.52-260302-9999');
    await check(page, () => continueButton(page).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Không tìm thấy hồ sơ');
    expect(await page.getByLabel('Mã hồ sơ (nếu có)').inputValue()).toBe('H21.52-260302-9999');
    await page.getByLabel('Mã hồ sơ (nếu có)').fill('');
    await page.getByLabel('Hoặc chọn nơi tiếp nhận').selectOption('H21.52');
    await check(page, () => continueButton(page).click());
    await page.getByLabel('Tiêu đề').fill('Thiếu chỗ ngồi chờ');
    await page.getByLabel('Nội dung').fill('Buổi sáng thứ Hai không đủ ghế cho người chờ.');
    await check(page, () => continueButton(page).click());
    await page.getByLabel('Họ và tên').fill(NAME);
    await page.getByLabel('Thư điện tử').fill('sai-dinh-dang');
    await check(page, () => continueButton(page).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Nhập thư điện tử đúng dạng');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe(NAME);
    await page.getByLabel('Thư điện tử').fill(EMAIL);
    await check(page, () => continueButton(page).click());
    expect(await h1(page)).toBe('Kiểm tra lại trước khi gửi');
    // Change the subject, then straight back to the check page.
    await check(page, () => page.getByRole('button', { name: 'Thay đổi tiêu đề' }).click());
    await page.getByLabel('Tiêu đề').fill('Thiếu ghế ngồi chờ');
    await check(page, () => continueButton(page).click());
    expect(await h1(page)).toBe('Kiểm tra lại trước khi gửi');
    expect(await page.locator('main').textContent()).toContain('Thiếu ghế ngồi chờ');
    await check(page, () => page.getByRole('button', { name: 'Gửi', exact: true }).click());
    expect(await page.getByRole('status').textContent()).toContain('Đã gửi phản ánh, kiến nghị');
    reference = (await page.locator('.big').textContent()) ?? '';
    expect(reference).toMatch(/^PAKN-\d{8}-\d{4}$/);
    expect(await page.locator('main').textContent()).toContain('Điều gì xảy ra tiếp theo');
    await c.close();
  });

  it('works without JavaScript', async () => {
    const { context: c, page } = await context(false);
    await check(page, () => page.goto('/gop-y?lang=en'), { axe: false });
    await page.locator('#kind-complaint').check();
    await check(
      page,
      () =>
        continueButton(page)
          .or(page.getByRole('button', { name: 'Continue' }))
          .click(),
      {
        axe: false,
      },
    );
    await page.getByLabel('Or choose the service point').selectOption('H21.52');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Subject').fill('Opening hours');
    await page.getByLabel('Details').fill('Please open on Saturday mornings.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Full name').fill('Lê Văn Nam');
    await page.getByLabel('Phone number').fill('0912345678');
    await page.getByRole('button', { name: 'Continue' }).click();
    await check(page, () => page.getByRole('button', { name: 'Send', exact: true }).click(), { axe: false });
    expect(await page.locator('.big').textContent()).toMatch(/^PAKN-/);
    await c.close();
  });

  it('the clerk assigns it, the officer answers, the manager publishes', async () => {
    const clerk = await context();
    await h.signIn(clerk.page, 'demo.clerk');
    await check(clerk.page, () => clerk.page.goto('/admin/feedback'));
    expect(await clerk.page.locator('table').textContent()).toContain(reference);
    await check(clerk.page, () => clerk.page.getByRole('link', { name: reference }).click());
    expect(await clerk.page.locator('main').textContent()).toContain(EMAIL); // staff see the contact
    // Assign without choosing: the error is summarised and linked.
    await check(clerk.page, () => clerk.page.getByRole('button', { name: 'Giao', exact: true }).click());
    expect(await clerk.page.locator('.error-summary').textContent()).toContain('Chọn cơ quan xử lý');
    await clerk.page.getByLabel('Cơ quan', { exact: true }).selectOption('SO-TU-PHAP');
    await check(clerk.page, () => clerk.page.getByRole('button', { name: 'Giao', exact: true }).click());
    expect(await clerk.page.locator('main').textContent()).toContain('Đã giao xử lý');
    await clerk.context.close();

    const officer = await context();
    await h.signIn(officer.page, 'demo.officer');
    await check(officer.page, () => officer.page.goto(`/admin/feedback/${reference}`));
    await officer.page.getByLabel('Nội dung trả lời').fill('Trung tâm đã bổ sung 20 ghế tại khu chờ.');
    await check(officer.page, () => officer.page.getByRole('button', { name: 'Gửi trả lời' }).click());
    expect(await officer.page.locator('main').textContent()).toContain('Đã trả lời');
    await officer.context.close();

    const manager = await context();
    await h.signIn(manager.page, 'demo.manager');
    await check(manager.page, () => manager.page.goto(`/admin/feedback/${reference}`));
    await check(manager.page, () =>
      manager.page.getByRole('button', { name: 'Công khai', exact: true }).click(),
    );
    expect(await manager.page.locator('main').textContent()).toContain('Đã công khai');
    await manager.context.close();
  });

  it('the public answers page shows it without personal data and takes a rating', async () => {
    const { context: c, page } = await context();
    await check(page, () => page.goto('/gop-y/cong-khai?servicePoint=H21.52'));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Thiếu ghế ngồi chờ');
    expect(main).toContain('Trung tâm đã bổ sung 20 ghế');
    expect(main).not.toContain(EMAIL);
    expect(main).not.toContain(NAME);
    await check(page, () => page.getByRole('button', { name: /^Hài lòng \(0\)/ }).click());
    expect(await page.getByRole('status').textContent()).toContain(reference);
    expect(await page.getByRole('button', { name: /^Hài lòng \(1\)/ }).count()).toBe(1);
    await c.close();
  });

  it('the submitter sends the information asked for on the follow-up page', async () => {
    const sent = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: {
        kind: 'feedback',
        servicePointCode: 'H21.52',
        subject: 'Nhân viên hướng dẫn chưa rõ',
        content: 'Tôi được hướng dẫn hai lần khác nhau.',
        contact: { name: NAME, email: EMAIL },
      },
    });
    const { reference: ref, followUpToken } = sent.json() as { reference: string; followUpToken: string };
    const asked = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${ref}/actions`,
      headers: bearer(await h.t.tokenFor('demo.clerk')),
      payload: { action: 'request_info', request: 'Cho biết ngày và quầy.' },
    });
    expect(asked.statusCode).toBe(200);
    const { context: c, page } = await context();
    await check(page, () => page.goto('/gop-y/theo-doi'));
    await page.getByLabel('Mã phản ánh').fill(ref);
    await page.getByLabel('Mã theo dõi').fill('sai-ma-theo-doi');
    await check(page, () => page.getByRole('button', { name: 'Xem' }).click());
    expect(await page.locator('.error-summary').textContent()).toContain('không đúng');
    await page.getByLabel('Mã theo dõi').fill(followUpToken);
    await check(page, () => page.getByRole('button', { name: 'Xem' }).click());
    expect(await page.locator('main').textContent()).toContain('Cho biết ngày và quầy.');
    await check(page, () => page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Nhập thông tin bổ sung');
    await page.getByLabel('Thông tin bổ sung').fill('Thứ Hai 2/3, quầy số 4.');
    await check(page, () => page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click());
    expect(await page.getByRole('status').textContent()).toContain('Đã gửi thông tin bổ sung');
    expect(await page.locator('main').textContent()).toContain('Đã tiếp nhận');
    await c.close();
  });
});
