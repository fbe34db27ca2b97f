/// <reference lib="dom" />
/**
 * Acceptance in Chromium: one dossier's life through the staff pages, with the fake clock moved
 * between steps to let days pass. A clerk receives it at the counter (keyboard search, checklist,
 * applicant, fee) and prints Mẫu 01; the officer requests a supplement, the clerk records it, the
 * officer hands a step over, apologises with a new date (a second tab with the old version is told
 * to reload), and completes; the clerk returns the result. The dossier page then shows the whole
 * timeline and the timeliness the rules give (worked out by hand below). Every page: axe-clean (WCAG
 * 2.1 AA), under 100 KB, no sideways scrolling at its width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { bearer } from '../helpers/test-app.ts';
import { LONG_SESSIONS, procedureVersion } from '../dossiers/builders.ts';
import { pdfText } from '../documents/pdf-support.ts';
import { provideProcedure } from '../documents/procedure-fixture.ts';

/** Sở Tư pháp, 5 working days, a 200.000 đ fee that must be paid before the return (test builders). */
const PROCEDURE = '1.001193.E2E';
const PROCEDURE_NAME = 'Cấp Phiếu lý lịch tư pháp (thử nghiệm tại quầy)';

let h: BrowserHarness;

describe.skipIf(!HAS_CHROMIUM)('a dossier’s life through the staff pages in Chromium', () => {
  let clerk: { context: BrowserContext; page: Page };
  let officer: { context: BrowserContext; page: Page };
  let code = '';

  beforeAll(async () => {
    h = await startBrowserHarness({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS }); // Monday 09:00 in Vietnam
    await provideProcedure(h.t, procedureVersion({ code: PROCEDURE, name: PROCEDURE_NAME }));
    clerk = await h.newPage({ width: 360, height: 800 });
    officer = await h.newPage();
    await signIn(clerk.page, 'demo.clerk');
    await signIn(officer.page, 'demo.officer');
  }, 120_000);
  afterAll(async () => h?.close());

  /** Vietnam local time on the fake clock. */
  const at = (local: string) => h.t.clock.set(new Date(`${local}:00+07:00`));

  const signIn = (page: Page, username: string) => h.signIn(page, username);

  const checkPage = (page: Page, url: string) => h.checkPage(page, url);

  /** Opens an action's disclosure on the dossier page, lets `fill` type into it, and submits it. */
  async function act(
    page: Page,
    action: string,
    fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {},
  ) {
    const details = page.locator(`#a-${action}`);
    await details.locator('summary').click();
    await fill(details);
    await details.locator('button[type=submit]').click();
  }

  const main = (page: Page) => page.locator('main').innerText();

  it('receives at the counter with the keyboard and prints Mẫu 01 with the code and the appointment', async () => {
    const { page } = clerk;
    await checkPage(page, '/counter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('ly lich tu phap thu nghiem'); // no diacritics
    await page.keyboard.press('Enter');
    const hit = page.getByRole('link', { name: PROCEDURE_NAME });
    await hit.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/counter\?procedure=/);
    await checkPage(page, page.url());

    await page.getByLabel(/^1\. Tờ khai/).check();
    await page.getByLabel(/^2\. Căn cước/).check();
    await page.locator('#doc2_reused').check();
    await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Nguyễn Văn An');
    await page.getByLabel('Số định danh cá nhân (cá nhân)').fill('064095000123');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Thư điện tử (nếu có)').fill('an@example.vn');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('12 Trần Hưng Đạo, phường Quy Nhơn, Gia Lai');
    await expect.poll(() => page.locator('#fee1').isChecked()).toBe(true); // the unconditional fee is charged
    await page.locator('#fee1_receipt').fill('BL-0001');
    await page.locator('#fee1_receipt').press('Enter'); // Enter receives (the first submit button)

    await page.waitForURL(/\/counter\/received\//);
    code = (await page.locator('.big-code').innerText()).trim();
    expect(code).toBe('H21.52-260302-0001');
    // 5 working days from Monday 02/03 09:00 (07:00–11:30, 13:30–17:00, no holiday in March 2026): Monday 09/03 09:00.
    await expect.poll(() => page.locator('.appointment').innerText()).toBe('09:00 Thứ Hai, 09/03/2026');
    await checkPage(page, page.url());

    const href = await page.getByRole('link', { name: /Mẫu 01/ }).getAttribute('href');
    expect(href).toBe(`/api/v1/dossiers/${code}/forms/01.pdf`);
    const pdf = await page.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    expect(text).toContain(code);
    expect(text).toContain('09 giờ 00 phút, ngày 09/03/2026');
  });

  it('keeps the input and summarises the errors when the ID number is wrong (360 px)', async () => {
    const { page } = clerk;
    await page.goto(`/counter?procedure=${PROCEDURE}`);
    await page.getByLabel(/^1\. Tờ khai/).check();
    await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Siu H’Mai');
    await page.getByLabel('Số định danh cá nhân (cá nhân)').fill('099095000123'); // 099 is no province
    await page.getByLabel('Số điện thoại').fill('0905 111 222');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Ia Krái, Gia Lai');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect.poll(() => page.title()).toMatch(/^Lỗi: /);
    await expect
      .poll(() => page.locator('.error-summary').innerText())
      .toContain('Số định danh cá nhân phải gồm 12 chữ số');
    await expect.poll(() => page.getByLabel('Họ và tên (hoặc tên tổ chức)').inputValue()).toBe('Siu H’Mai');
    await expect.poll(() => page.getByLabel(/^1\. Tờ khai/).isChecked()).toBe(true);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);
    // Following the summary's link lands on the field.
    await page.locator('.error-summary a[href="#idNumber"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#idNumber');
  });

  it('gives guidance (Mẫu 02) when a required document is missing, and refuses with a reason (Mẫu 03)', async () => {
    const { page } = clerk;
    const fillApplicant = async () => {
      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Trần Thị Bình');
      await page.getByLabel('Số định danh cá nhân (cá nhân)').fill('052190000456');
      await page.getByLabel('Số điện thoại').fill('0987 654 321');
      await page.getByLabel('Địa chỉ', { exact: true }).fill('Quy Nhơn, Gia Lai');
    };
    await page.goto(`/counter?procedure=${PROCEDURE}`);
    await page.getByLabel(/^2\. Căn cước/).check(); // the declaration (1) is missing
    await fillApplicant();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.waitForURL(/\/counter\/intake-records\//);
    await expect
      .poll(() => page.locator('.missing').innerText())
      .toContain('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');
    await checkPage(page, page.url());
    const guidance = await page.request.get(
      (await page.getByRole('link', { name: /Mẫu 02/ }).getAttribute('href')) ?? '',
    );
    expect(await pdfText(await guidance.body())).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');

    await page.goto(`/counter?procedure=${PROCEDURE}`);
    await fillApplicant();
    await page.locator('details.refuse summary').click();
    await page.getByLabel('Lý do từ chối').fill('Người yêu cầu không thuộc đối tượng được cấp phiếu');
    await page.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
    await page.waitForURL(/\/counter\/intake-records\//);
    await expect
      .poll(() => page.locator('.reason').innerText())
      .toBe('Người yêu cầu không thuộc đối tượng được cấp phiếu');
    await checkPage(page, page.url());
    const refusal = await page.request.get(
      (await page.getByRole('link', { name: /Mẫu 03/ }).getAttribute('href')) ?? '',
    );
    expect(await pdfText(await refusal.body())).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
  });

  it('forwards, and the officer finds it in the inbox and requests a supplement', async () => {
    at('2026-03-02T09:30');
    await clerk.page.goto(`/dossiers/${code}`);
    await act(clerk.page, 'forward');
    await clerk.page.waitForURL(/done=forward/);
    await expect
      .poll(() => clerk.page.getByRole('status').innerText())
      .toContain('Chuyển cơ quan giải quyết');

    at('2026-03-03T10:00');
    const { page } = officer;
    await checkPage(page, '/inbox');
    await expect.poll(() => main(page)).toContain('còn 3 ngày 7 giờ làm việc'); // 1860 working minutes left (hand computation below)
    await page.getByRole('link', { name: code }).click();
    await act(page, 'request-supplement', async (form) => {
      await form.getByLabel('Lý do yêu cầu bổ sung').fill('Tờ khai chưa ghi nơi cư trú trước đây');
      await form
        .getByLabel('Giấy tờ cần bổ sung, hoàn thiện')
        .fill('Tờ khai bổ sung nơi cư trú\nBản sao giấy khai sinh');
    });
    await page.waitForURL(/done=request-supplement/);
    await expect.poll(() => main(page)).toContain('Chờ bổ sung');
    await expect.poll(() => main(page)).toContain('Tạm dừng, chờ bổ sung');
    expect((await page.request.get(`/api/v1/dossiers/${code}/forms/02.pdf`)).status()).toBe(200);
  });

  it('records the supplement at the counter: the due moves by the two working days the clock stood still', async () => {
    at('2026-03-05T10:00');
    const { page } = clerk;
    await page.goto(`/dossiers/${code}`);
    await act(page, 'supplement', async (form) =>
      form.getByLabel('Ghi chú (nếu có)').fill('Nộp tờ khai bổ sung tại quầy'),
    );
    await page.waitForURL(/done=supplement/);
    await expect.poll(() => page.locator('.current-due').innerText()).toBe('09:00 Thứ Tư, 11/03/2026');
    await expect.poll(() => page.locator('.original-due').innerText()).toBe('09:00 Thứ Hai, 09/03/2026');
  });

  it('hands a step over, and a second tab with the old version is told to reload; then apologises with a new date', async () => {
    at('2026-03-09T14:00');
    const { page, context } = officer;
    const stale = await context.newPage();
    await page.goto(`/dossiers/${code}`);
    await stale.goto(`/dossiers/${code}`);
    await act(page, 'handover', async (form) => {
      await form.getByLabel('Người nhận', { exact: true }).fill('Lê Thị Phê Duyệt');
      await form.getByLabel('Đơn vị nhận').fill('Lãnh đạo Sở Tư pháp');
    });
    await page.waitForURL(/done=handover/);

    at('2026-03-09T14:05');
    const apologise = async (p: Page) =>
      act(p, 'apologize', async (form) => {
        await form.getByLabel('Lý do chậm trễ').fill('Cần xác minh thêm thông tin tại Công an tỉnh');
        await form.getByLabel('Ngày hẹn trả mới').fill('2026-03-13');
        await form.getByLabel('Giờ').fill('17:00');
      });
    await apologise(stale);
    await expect
      .poll(() => stale.locator('.error-summary').innerText())
      .toContain('Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại');
    await stale.getByRole('link', { name: 'Tải lại trang hồ sơ' }).click();
    await apologise(stale);
    await stale.waitForURL(/done=apologize/);
    await expect.poll(() => stale.locator('.current-due').innerText()).toBe('17:00 Thứ Sáu, 13/03/2026');
    await expect.poll(() => stale.locator('.print-links').innerText()).toContain('Mẫu 04');
    await stale.close();
  });

  it('completes, the clerk returns the result, and the page shows the whole timeline and the timeliness the rules give', async () => {
    at('2026-03-13T16:00');
    await officer.page.goto(`/dossiers/${code}`);
    await act(officer.page, 'complete', async (form) =>
      form.getByLabel('Số, ký hiệu kết quả').fill('LLTP-2026-0001'),
    );
    await officer.page.waitForURL(/done=complete/);

    at('2026-03-13T16:30');
    const { page } = clerk;
    await page.goto(`/dossiers/${code}`);
    await act(page, 'return'); // at the counter, to the applicant, ID document checked (the defaults)
    await page.waitForURL(/done=return/);
    await expect.poll(() => main(page)).toContain('Đã trả kết quả');

    const events = page.locator('#timeline > li');
    await expect.poll(() => events.count()).toBe(8);
    const lines = (await events.allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
    const expected: [string, string, string][] = [
      ['09:00 02/03/2026', 'Tiếp nhận hồ sơ', 'Nguyễn Thị Tiếp Nhận'],
      ['09:30 02/03/2026', 'Chuyển hồ sơ đến cơ quan giải quyết', 'Nguyễn Thị Tiếp Nhận'],
      ['10:00 03/03/2026', 'Yêu cầu bổ sung hồ sơ', 'Trần Văn Thẩm Định'],
      ['10:00 05/03/2026', 'Đã bổ sung hồ sơ', 'Nguyễn Thị Tiếp Nhận'],
      ['14:00 09/03/2026', 'Bàn giao giữa các bước xử lý', 'Trần Văn Thẩm Định'],
      ['14:05 09/03/2026', 'Xin lỗi và hẹn lại ngày trả kết quả', 'Trần Văn Thẩm Định'],
      ['16:00 13/03/2026', 'Có kết quả giải quyết', 'Trần Văn Thẩm Định'],
      ['16:30 13/03/2026', 'Trả kết quả', 'Nguyễn Thị Tiếp Nhận'],
    ];
    expected.forEach(([time, what, who], i) => {
      expect(lines[i]).toContain(time);
      expect(lines[i]).toContain(what);
      expect(lines[i]).toContain(who);
    });
    expect(lines[2]).toContain('Bản sao giấy khai sinh');
    expect(lines[5]).toContain('17:00 Thứ Sáu, 13/03/2026');

    /*
     * Timeliness by hand (DOMAIN.md §1.5; src/modules/dossiers/domain/timeliness.ts):
     * - Received Mon 02/03 09:00, 5 working days = 2400 working minutes (480 a day, no holiday in
     *   March 2026): appointment Mon 09/03 09:00 (printed on Mẫu 01).
     * - Supplement requested Tue 03/03 10:00, supplied Thu 05/03 10:00. The clock stood still for
     *   Tue 10:00–11:30 (90) + 13:30–17:00 (210) + Wed (480) + Thu 07:00–10:00 (180) = 960 minutes
     *   = 2 working days: due Wed 11/03 09:00. (On 03/03 10:00, 540 minutes had run: 1860 left,
     *   i.e. 3 working days and 7 hours — the inbox countdown above.)
     * - One supplement request only: the "second request counts as late" rule does not apply.
     * - Apology on Mon 09/03 14:05, before that due: new due Fri 13/03 17:00 (the only one allowed).
     * - Result ready Fri 13/03 16:00 ≤ 17:00 on the due day itself: ON TIME ("Đúng hạn") — not early
     *   (that needs an earlier day), not late, although it is after the first appointment; the apology
     *   is recorded (`apologized`) for reports that count rescheduled dossiers apart.
     */
    await expect.poll(() => page.locator('.timeliness').innerText()).toContain('Đúng hạn');
    const api = await h.t.app.inject({
      url: `/api/v1/dossiers/${code}`,
      headers: bearer(await h.t.tokenFor('demo.manager')),
    });
    expect(api.json()).toMatchObject({
      status: 'returned',
      timeliness: {
        state: 'finished',
        result: 'on_time',
        late: false,
        lateReason: null,
        apologized: true,
        judgedEndAt: '2026-03-13T09:00:00.000Z',
        judgedDueAt: '2026-03-13T10:00:00.000Z',
      },
    });
    await checkPage(page, `/dossiers/${code}`);
    const wide = await h.newPage();
    await signIn(wide.page, 'demo.manager');
    await checkPage(wide.page, `/dossiers/${code}`);
    await expect.poll(() => wide.page.locator('#timeline > li').count()).toBe(8);
    await wide.context.close();
  });

  it('lists dossiers with filters and countdowns, scoped, in Vietnamese and English', async () => {
    const { page } = officer;
    await checkPage(page, '/dossiers?status=returned');
    await expect.poll(() => main(page)).toContain(code);
    await checkPage(page, '/dossiers?bucket=overdue');
    await expect.poll(() => main(page)).toContain('0 hồ sơ');
    await checkPage(page, '/dossiers?lang=en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Dossiers');
    await page.goto('/dossiers?lang=vi');
    // Another service point's clerk sees none of this service point's dossiers.
    const other = await h.newPage({ width: 360, height: 800 });
    await signIn(other.page, 'demo.clerk.iakrai');
    await checkPage(other.page, '/dossiers');
    await expect.poll(() => main(other.page)).toContain('0 hồ sơ');
    // …and its page answers as for an unknown code (no existence oracle, docs/security.md).
    const forbidden = await other.page.goto(`/dossiers/${code}`);
    expect(forbidden?.status()).toBe(404);
    await other.context.close();
  });

  it('links the pages from the navigation and the role homes', async () => {
    await clerk.page.goto('/');
    await expect
      .poll(() => clerk.page.getByRole('navigation', { name: 'Điều hướng chính' }).innerText())
      .toContain('Tiếp nhận hồ sơ');
    await clerk.page.getByRole('link', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await clerk.page.waitForURL(/\/counter$/);
    await officer.page.goto('/');
    await officer.page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Hồ sơ cần xử lý' })
      .click();
    await officer.page.waitForURL(/\/inbox$/);
  });
});
