/// <reference lib="dom" />
/**
 * The public postal service in Chromium, end to end (QĐ 45/2016):
 *  1. a citizen asks for pickup (and delivery) on the public request page (/postal/request — the
 *     citizen portal is not there yet; a signed-in clerk uses the same page for phone requests);
 *  2. the courier, on a 360 px page with JavaScript off, checks the documents, collects the sealed
 *     dossier and the cash, and hands it over at the counter;
 *  3. the clerk takes it over on the counter page: the dossier is received;
 *  4. the dossier gets a result; the clerk hands it to the courier, who goes out, fails once
 *     (nobody at home), goes out again and delivers it, checking the recipient's ID;
 *  5. the public tracking page shows each step; the day's cash reconciles.
 * Every page: no axe-core WCAG 2.1 AA violation, no sideways scroll at 360 px, touch targets ≥ 44 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, HAS_CHROMIUM, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { bearer } from '../helpers/test-app.ts';
import {
  APPLICANT,
  FEE_VND,
  PROCEDURE_CODE,
  publishProcedure,
  STREET,
  TINY_PNG,
} from '../postal/fixtures.ts';

let h: BrowserHarness;
let pickupTn = '';
let deliveryTn = '';
let dossierCode = '';
const POSTAGE = 22_000; // demo tariff, same province, ≤ 500 g

describe.skipIf(!HAS_CHROMIUM)('public postal service in Chromium', () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
    await publishProcedure(h.t);
  }, 120_000);
  afterAll(async () => h?.close());

  async function phone(
    options: { javaScript?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
      baseURL: h.baseUrl,
      javaScriptEnabled: options.javaScript ?? true,
    });
    context.setDefaultTimeout(15_000);
    return { context, page: await context.newPage() };
  }

  const signIn = (page: Page, username: string) => h.signIn(page, username);

  async function checkPage(page: Page, options: { axe?: boolean } = {}) {
    if (options.axe !== false) {
      const violations = await axeViolations(page);
      expect(violations, `${page.url()}: ${JSON.stringify(violations)}`).toEqual([]);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  /** Every button, field and item link of the postal content is at least 44 px high. */
  async function checkTouchTargets(page: Page) {
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '.postal button, .postal .button, .postal input:not([type=hidden]), .postal select, .postal a.item-link, .postal label.check',
        ),
      ]
        .map((e) => {
          const r = e.getBoundingClientRect();
          const target =
            e instanceof HTMLInputElement && e.type === 'checkbox'
              ? (e.closest('label') ?? e).getBoundingClientRect()
              : r;
          return {
            what: `${e.tagName}.${e.className}[${(e as HTMLInputElement).name ?? ''}]`,
            height: Math.round(target.height),
          };
        })
        .filter((x) => x.height < 44),
    );
    expect(small, page.url()).toEqual([]);
  }

  async function api(user: string, method: 'GET' | 'POST', url: string, payload?: object) {
    const headers = bearer(await h.t.tokenFor(user));
    return h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  it('a citizen asks for pickup and delivery on the public request page', async () => {
    const { context, page } = await phone();
    await page.goto('/postal/request');
    await checkPage(page);
    await page.getByLabel('Mã thủ tục hành chính').fill(PROCEDURE_CODE);
    await page.getByLabel('Bộ phận một cửa giải quyết').selectOption('H21.52');
    await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
    await page.getByLabel('Số định danh cá nhân (12 số)').fill(APPLICANT.idNumber);
    await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
    await page.getByLabel('Xã, phường').selectOption('21583');
    await page.getByLabel('Số nhà, đường, thôn').fill(STREET);
    await page.getByLabel('Từ giờ').fill('13:30');
    await page.getByLabel('Đến giờ').fill('16:30');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã ghi nhận yêu cầu');
    const numbers = await page.locator('.tn').allTextContents();
    expect(numbers).toHaveLength(2);
    [pickupTn, deliveryTn] = numbers as [string, string];
    expect(await page.locator('main').textContent()).toContain('22.000 đ');
    await checkPage(page);
    await context.close();
  });

  it('the courier collects the dossier and hands it over, at 360 px without JavaScript', async () => {
    const { context, page } = await phone({ javaScript: false });
    await signIn(page, 'demo.courier');
    await page.goto('/postal/courier');
    await checkPage(page, { axe: false }); // axe needs JavaScript; the same page is checked with it below
    await checkTouchTargets(page);
    await page.getByRole('link', { name: pickupTn }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(pickupTn);
    await checkPage(page, { axe: false });
    await checkTouchTargets(page);
    expect(await page.locator('dd.amount').textContent()).toBe('222.000 đ');
    await page.getByLabel(/^1\. Tờ khai/).check();
    await page.getByLabel(/^2\. Bản chụp Căn cước/).check();
    await page.getByLabel('Người dân đã ký phiếu hồ sơ').check();
    await page.getByLabel('Bưu tá đã ký phiếu hồ sơ').check();
    await page.getByLabel('Đã niêm phong trước mặt người dân').check();
    await page.getByLabel('Đã thu 222.000 đ').check();
    await page.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('pick-up');
    await expect
      .poll(() => page.locator('main > .postal > p').nth(1).textContent())
      .toContain('Bưu tá đã nhận hồ sơ');
    await page.getByRole('button', { name: 'Bàn giao cho bộ phận một cửa' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Đang bàn giao');
    await context.close();

    // The same pages pass axe with JavaScript on.
    const js = await phone();
    await signIn(js.page, 'demo.courier');
    await js.page.goto(`/postal/courier/items/${deliveryTn}`);
    await checkPage(js.page);
    await js.page.goto('/postal/courier');
    await checkPage(js.page);
    await js.context.close();
  });

  it('the clerk takes the dossier over: it is received as a dossier', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.clerk');
    await page.goto('/postal/counter');
    await checkPage(page);
    const row = page.locator('.item-list li', { hasText: pickupTn });
    await row.getByRole('button', { name: 'Nhận hồ sơ (tiếp nhận)' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('take-over');
    const item = (await api('demo.clerk', 'GET', `/api/v1/postal/items/${pickupTn}`)).json();
    expect(item.status).toBe('at_counter');
    dossierCode = item.dossierCode;
    const dossier = (await api('demo.clerk', 'GET', `/api/v1/dossiers/${dossierCode}`)).json();
    expect(dossier).toMatchObject({ status: 'received', channel: 'postal' });
    await context.close();
  });

  it('the result goes out for delivery, one attempt fails, then it is delivered', async () => {
    for (const [user, body] of [
      ['demo.clerk', { action: 'forward' }],
      ['demo.officer', { action: 'complete', result: { kind: 'paper', number: 'LLTP-0002/2026' } }],
    ] as const) {
      const version = (await api('demo.clerk', 'GET', `/api/v1/dossiers/${dossierCode}`)).json().version;
      const res = await api(user, 'POST', `/api/v1/dossiers/${dossierCode}/actions`, { ...body, version });
      expect(res.statusCode, res.body).toBe(200);
    }
    const clerk = await h.newPage();
    await signIn(clerk.page, 'demo.clerk');
    await clerk.page.goto('/postal/counter');
    await clerk.page
      .locator('.item-list li', { hasText: deliveryTn })
      .getByRole('button', { name: 'Giao kết quả cho bưu tá' })
      .click();
    await expect.poll(() => clerk.page.getByRole('status').textContent()).toContain('hand-over');
    await clerk.context.close();

    const { context, page } = await phone();
    await signIn(page, 'demo.courier');
    await page.goto(`/postal/courier/items/${deliveryTn}`);
    await page.getByRole('button', { name: 'Nhận kết quả từ bộ phận một cửa' }).click();
    await page.getByRole('button', { name: 'Đi phát' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Đang phát');
    await checkPage(page);
    await checkTouchTargets(page);
    await page.getByLabel('Lý do').selectOption('absent');
    await page.getByRole('button', { name: 'Ghi nhận không thành công' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('fail-attempt');
    await page.getByRole('button', { name: 'Đi phát' }).click();
    await page.getByLabel('Họ tên người nhận').fill(APPLICANT.fullName);
    await page.getByLabel('Số định danh người nhận (đã kiểm tra giấy tờ)').fill(APPLICANT.idNumber);
    await page
      .getByLabel(/Ảnh phiếu đã ký/)
      .setInputFiles({ name: 'phieu.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByLabel('Đã thu 22.000 đ').check();
    await page.getByRole('button', { name: 'Xác nhận đã phát' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('deliver');
    await expect.poll(() => page.locator('main').textContent()).toContain('Đã phát thành công');
    await context.close();
    const item = (await api('demo.clerk', 'GET', `/api/v1/postal/items/${deliveryTn}`)).json();
    expect(item).toMatchObject({
      status: 'delivered',
      attempts: 1,
      photoSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('the public tracking page shows each step, without personal data', async () => {
    const { context, page } = await phone();
    await page.goto('/tracking');
    await checkPage(page);
    await page.getByLabel('Mã bưu gửi hoặc mã hồ sơ').fill(dossierCode);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.locator('section').count()).toBe(2);
    const delivery = page.locator('section', { hasText: deliveryTn });
    const steps = await delivery.locator('.steps li strong').allTextContents();
    expect(steps).toEqual([
      'Đã tiếp nhận yêu cầu phát kết quả',
      'Đã phân công bưu tá',
      'Bộ phận một cửa đã giao kết quả cho bưu tá',
      'Bưu tá đã nhận kết quả',
      'Đang phát',
      'Phát không thành công: Không gặp người dân tại địa chỉ',
      'Đang phát',
      'Đã phát thành công',
    ]);
    const pickupSteps = await page
      .locator('section', { hasText: pickupTn })
      .locator('.steps li strong')
      .allTextContents();
    expect(pickupSteps).toEqual([
      'Đã tiếp nhận yêu cầu thu gom hồ sơ',
      'Đã phân công bưu tá',
      'Bưu tá đã nhận và niêm phong hồ sơ',
      'Bưu tá đã bàn giao hồ sơ',
      'Bộ phận một cửa đã nhận hồ sơ',
    ]);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of [APPLICANT.fullName, APPLICANT.idNumber, '0912', STREET, 'Lê Văn Bưu Tá'])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain('Trung tâm Phục vụ hành chính công tỉnh Gia Lai');
    await checkPage(page);
    // A mistyped number is refused, not "not found".
    await page
      .getByLabel('Mã bưu gửi hoặc mã hồ sơ')
      .fill(`${deliveryTn.slice(0, 5)}${(Number(deliveryTn[5]) + 1) % 10}${deliveryTn.slice(6)}`);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Mã bưu gửi không hợp lệ');
    await context.close();
  });

  it('the day’s cash reconciles', async () => {
    const collected = POSTAGE + FEE_VND + POSTAGE;
    const { context, page } = await h.newPage();
    await signIn(page, 'demo.clerk');
    await page.goto('/postal/counter');
    await page.getByLabel('Bưu tá', { exact: true }).selectOption('demo.courier');
    await page.getByLabel('Số tiền nộp (đồng)').fill(String(collected));
    await page.getByRole('button', { name: 'Ghi nhận tiền nộp' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('cash');
    const row = page.locator('table tbody tr', { hasText: 'demo.courier' });
    await expect.poll(() => row.textContent()).toContain('244.000 đ');
    await expect.poll(() => row.locator('td').last().textContent()).toContain('✓');
    await checkPage(page);
    await context.close();
    const days = (
      await api('demo.manager', 'GET', '/api/v1/postal/cash?from=2026-03-02&to=2026-03-02')
    ).json().days;
    expect(days).toEqual([
      expect.objectContaining({
        courier: 'demo.courier',
        handedOver: collected,
        difference: 0,
        status: 'balanced',
        flagged: false,
      }),
    ]);
  });
});
