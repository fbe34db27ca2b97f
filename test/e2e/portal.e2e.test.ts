/// <reference lib="dom" />
/**
 * The citizen's journey in Chromium with JavaScript off (issue #7): find a procedure typed without
 * diacritics, identify by a one-time code read from the e-mail the loopback SMTP server received,
 * submit online with uploads (one page per document, an error kept on the page, check your
 * answers), receive the confirmation e-mail; a clerk receives the dossier and it is processed to
 * `returned` (API); the citizen looks it up by code + last 4 phone digits and by the QR token, rates
 * it once, and a second rating is refused. Every page the citizen sees: no axe-core WCAG 2.1 AA
 * violation, under 60 KB transferred, no sideways scroll at 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SmtpMailer } from '../../src/adapters/mail/smtp-mailer.ts';
import { NotificationDispatcher } from '../../src/modules/notifications/dispatcher.ts';
import { loadDossier } from '../../src/modules/dossiers/dossiers.repository.ts';
import {
  checkNavigation,
  HAS_CHROMIUM,
  startBrowserHarness,
  type BrowserHarness,
} from '../helpers/browser.ts';
import { act, PATH_TO, PROCEDURE_CODE, registerProcedure } from '../dossiers/builders.ts';
import { parseMail, startSmtpServer, type TestSmtpServer } from '../notifications/support.ts';

const MAX_BYTES = 60_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

let h: BrowserHarness;
let smtp: TestSmtpServer;
let mailer: SmtpMailer;
let dispatcher: NotificationDispatcher;

describe.skipIf(!HAS_CHROMIUM)('citizen journey: find, identify, submit online, follow, rate', () => {
  let withJs: { context: BrowserContext; page: Page } | undefined;

  beforeAll(async () => {
    smtp = await startSmtpServer(0);
    h = await startBrowserHarness({ config: { sessionHours: 24 * 365 } });
    await registerProcedure(h.t);
    mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: undefined,
      pass: undefined,
      from: 'MotCua <no-reply@motcua.test>',
      connectionTimeoutMs: 2_000,
      greetingTimeoutMs: 2_000,
      socketTimeoutMs: 5_000,
    });
    dispatcher = new NotificationDispatcher({
      database: h.t.db.database,
      clock: h.t.clock,
      publicBaseUrl: h.baseUrl,
      mailer,
      maxAttempts: 3,
      retryBaseMs: 30_000,
      intervalMs: 0,
    });
  }, 120_000);
  afterAll(async () => {
    await mailer?.close();
    await h?.close();
    await smtp?.close();
  });

  /** Runs a navigation and checks the page it lands on: bytes, axe, no sideways scroll. */
  const checked = (page: Page, action: () => Promise<unknown>) =>
    // axe-core runs in the page: only where JavaScript is on (the same pages are walked both ways).
    checkNavigation(page, action, { maxBytes: MAX_BYTES, axe: page.context() === withJs?.context });

  async function mailsTo(address: string) {
    await dispatcher.drainOnce();
    return smtp.mails.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));
  }

  for (const javaScript of [true, false]) {
    it(`goes from the home page to a confirmed online submission, then follows and rates it (JavaScript ${javaScript ? 'on, axe on every page' : 'off'})`, async () => {
      const context = await h.browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: 'vi-VN',
        baseURL: h.baseUrl,
        javaScriptEnabled: javaScript,
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      if (javaScript) withJs = { context, page };
      const EMAIL = javaScript ? 'hoa.js@example.vn' : 'hoa.nojs@example.vn';
      // Home and the counters' contact points.
      await checked(page, () => page.goto('/diem-phuc-vu'));
      expect(await page.locator('h1').count()).toBe(1);
      await checked(page, () => page.goto('/'));
      // Search without diacritics.
      await page.locator('#q').fill('ly lich tu phap');
      await checked(page, () => page.locator('#q').press('Enter'));
      await checked(page, () =>
        page.getByRole('link', { name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam' }).first().click(),
      );
      await checked(page, () => page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click());
      expect(page.url()).toBe(`${h.baseUrl}/nop-truc-tuyen/${PROCEDURE_CODE}`);
      await checked(page, () => page.getByRole('link', { name: 'Xác minh danh tính và bắt đầu' }).click());

      // Identification by e-mail: a bad address first (error summary, input kept).
      await page.getByLabel('Địa chỉ e-mail hoặc số điện thoại di động').fill('hoa@');
      await checked(page, () => page.getByRole('button', { name: 'Gửi mã xác minh' }).click());
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.getByLabel('Địa chỉ e-mail hoặc số điện thoại di động').inputValue()).toBe('hoa@');
      await page.getByLabel('Địa chỉ e-mail hoặc số điện thoại di động').fill(EMAIL);
      await checked(page, () => page.getByRole('button', { name: 'Gửi mã xác minh' }).click());
      const [codeMail] = await mailsTo(EMAIL);
      const otp = /\b(\d{6})\b/.exec(codeMail!.text)?.[1];
      expect(otp).toBeTruthy();
      await page.getByLabel('Mã xác minh').fill(otp!);
      await checked(page, () => page.getByRole('button', { name: 'Xác minh' }).click());
      expect(page.url()).toBe(`${h.baseUrl}/nop-truc-tuyen/${PROCEDURE_CODE}`);
      await checked(page, () => page.getByRole('button', { name: 'Bắt đầu' }).click());

      // Where to submit (several provincial counters may offer it).
      if (page.url().endsWith('/noi-nop')) {
        await page.locator('#servicePoint').selectOption('H21.52');
        await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      }
      // Applicant: a missing name is reported at the top and the rest is kept.
      expect(await page.getByLabel('E-mail (không bắt buộc)').inputValue()).toBe(EMAIL);
      await page.getByLabel('Số định danh cá nhân').fill('064095001234');
      await page.getByLabel('Số điện thoại').fill('0912 345 678');
      await page.getByLabel('Địa chỉ cư trú').fill('12 Trần Hưng Đạo, phường Quy Nhơn, Gia Lai');
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      expect(await page.locator('.error-summary').textContent()).toContain('Nhập họ và tên');
      expect(await page.getByLabel('Số định danh cá nhân').inputValue()).toBe('064095001234');
      await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());

      // One page per document: a file that is not a PDF/JPEG/PNG is refused on the page.
      expect(page.url()).toContain('/giay-to/1');
      await page
        .locator('#file')
        .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>') });
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      expect(await page.locator('.error-summary').textContent()).toContain('PDF, JPEG hoặc PNG');
      await page
        .locator('#file')
        .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      expect(page.url()).toContain('/giay-to/2');
      await page
        .locator('#file')
        .setInputFiles({ name: 'can-cuoc.jpg', mimeType: 'image/jpeg', buffer: JPEG });
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      // Document 3 is optional: continue without a file.
      expect(page.url()).toContain('/giay-to/3');
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());

      // Return method, then check your answers, then submit.
      await page.getByLabel('Nhận tại bộ phận một cửa').check();
      await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
      expect(page.url()).toContain('/kiem-tra');
      expect(await page.locator('dl.summary').textContent()).toContain('can-cuoc.jpg');
      await checked(page, () => page.getByRole('button', { name: 'Đồng ý và gửi hồ sơ' }).click());
      expect(page.url()).toContain('/xac-nhan');
      const code = (await page.locator('.reference').textContent())!.trim();
      expect(code).toMatch(/^H21\.52-\d{6}-\d{4}$/);

      // The confirmation e-mail.
      const mails = await mailsTo(EMAIL);
      expect(mails.some((m) => m.subject.includes(`Đã gửi hồ sơ ${code}`))).toBe(true);

      // The clerk receives it; it is processed and returned (API).
      await act(h.t, 'demo.clerk', code, { action: 'receive' });
      for (const step of PATH_TO.returned) await act(h.t, step.user, code, step.body);

      // Lookup by code + last 4 phone digits.
      await checked(page, () => page.goto('/tra-cuu'));
      await page.locator('input[name=code]').fill(code);
      await page.locator('input[name=phone4]').fill('5678');
      await checked(page, () => page.locator('main button[type=submit]').click());
      expect(await page.locator('main').textContent()).toContain(code);

      // Lookup by the QR token (the lookup module issues a new token when Mẫu 01 is printed).
      const d = await loadDossier(h.t.db.database.db, code);
      const token = await h.t.app.services.dossiers.reissueLookupToken(
        { userId: 'test', username: 'demo.clerk', fullName: 'Test', grants: [] },
        d!,
        h.t.clock.now(),
        'form:01',
      );
      await checked(page, () =>
        page.goto(`/tra-cuu/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`),
      );
      expect(await page.locator('main').textContent()).toContain(code);

      // Rate once; a second rating is refused.
      await checked(page, () =>
        page.goto(`/danh-gia/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`),
      );
      await page.locator('input[name=rating][value=very_satisfied]').check();
      await checked(page, () => page.locator('main button[type=submit]').click());
      const first = page.url();
      expect(first).toContain('/danh-gia/');
      await checked(page, () =>
        page.goto(`/danh-gia/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`),
      );
      // The page no longer offers a form, and the rating API refuses a second one.
      expect(await page.locator('main').textContent()).toContain('đã được đánh giá');
      expect(await page.locator('input[name=rating]').count()).toBe(0);
      const second = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/rating`,
        payload: { rating: 'satisfied', token },
      });
      expect(second.statusCode, second.body).toBe(409);
      expect(second.json().code).toBe('RATING_ALREADY_GIVEN');
      await context.close();
    }, 240_000);
  }

  it('shows clear pages off the happy path: other counters, a procedure not offered online, errors kept on every step', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
      baseURL: h.baseUrl,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    withJs = { context, page };
    const email = 'errors@example.vn';

    // Contact points per level, paged; English.
    await checked(page, () => page.goto('/diem-phuc-vu?cap=commune'));
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await checked(page, () => page.goto('/diem-phuc-vu?cap=district&lang=en'));
    expect(await page.locator('h1').textContent()).toContain('One-stop counters');
    await checked(page, () => page.goto('/?lang=vi'));

    // A procedure that is not offered online says so (422) and where to go instead.
    let status = 0;
    await checked(page, async () => {
      status = (await page.goto('/nop-truc-tuyen/1.001193'))!.status();
    });
    expect(status).toBe(422);
    expect(await page.locator('h1').textContent()).toContain('không nộp trực tuyến được');

    // Identification: a wrong code is reported with the attempts left.
    await checked(page, () => page.goto('/dinh-danh?next=/nop-truc-tuyen/2.000950'));
    await page.getByLabel('Địa chỉ e-mail hoặc số điện thoại di động').fill(email);
    await checked(page, () => page.getByRole('button', { name: 'Gửi mã xác minh' }).click());
    const [mail] = await mailsTo(email);
    const otp = /\b(\d{6})\b/.exec(mail!.text)![1]!;
    await page.getByLabel('Mã xác minh').fill(otp === '000000' ? '111111' : '000000');
    await checked(page, () => page.getByRole('button', { name: 'Xác minh' }).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Còn 4 lần thử');
    await page.getByLabel('Mã xác minh').fill(otp);
    await checked(page, () => page.getByRole('button', { name: 'Xác minh' }).click());
    await checked(page, () => page.getByRole('button', { name: 'Bắt đầu' }).click());

    // A commune-level procedure: choose the counter (an empty choice is an error).
    expect(page.url()).toContain('/noi-nop');
    await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Chọn bộ phận một cửa');
    await page.locator('#servicePoint').selectOption('H21.52.23776');
    await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
    const draftBase = page.url().replace(/\/nguoi-nop.*$/, '');

    // Return method: nothing chosen is an error.
    await checked(page, () => page.goto(`${draftBase}/nhan-ket-qua`));
    await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());
    expect(await page.locator('.error-summary').textContent()).toContain('Chọn cách nhận kết quả');
    await page.locator('input[name=returnMethod]').first().check();
    await checked(page, () => page.getByRole('button', { name: 'Tiếp tục' }).click());

    // Check your answers with nothing uploaded: submitting lists what is missing, nothing is lost.
    expect(page.url()).toContain('/kiem-tra');
    await checked(page, () => page.getByRole('button', { name: 'Đồng ý và gửi hồ sơ' }).click());
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toMatch(/Kiểm tra lại thông tin người nộp|Chưa tải lên/);
    await context.close();
    withJs = undefined;
  }, 240_000);
});
