/**
 * Calendar pages over HTTP (no browser): the public year page, the admin form with its CSRF
 * token, GOV.UK-style errors that keep the input, and a saved revision showing on the public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function adminSession(): Promise<{ cookie: string; csrf: string }> {
  const token = await t.tokenFor('admin');
  const cookie = `motcua_session=${token}`;
  const page = await t.app.inject({ url: '/admin/calendar/2026', headers: { cookie } });
  expect(page.statusCode, page.body).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  expect(csrf).toBeDefined();
  return { cookie, csrf: csrf ?? '' };
}

/** The form fields of the year as the admin page shows them. */
async function formOfYear(year: number): Promise<Record<string, string>> {
  const data = (await t.app.inject({ url: `/api/v1/calendar/years/${year}` })).json();
  const fields: Record<string, string> = {
    status: data.status,
    note: data.note ?? '',
    expectedRevision: String(data.revision),
  };
  data.daysOff.forEach((d: { date: string; name: string; kind: string }, i: number) => {
    Object.assign(fields, {
      [`off-${i}-date`]: d.date,
      [`off-${i}-name`]: d.name,
      [`off-${i}-kind`]: d.kind,
    });
  });
  data.workingDays.forEach((d: { date: string; name: string }, i: number) => {
    Object.assign(fields, { [`work-${i}-date`]: d.date, [`work-${i}-name`]: d.name });
  });
  data.source.forEach((s: { title: string; url: string }, i: number) => {
    Object.assign(fields, { [`src-${i}-title`]: s.title, [`src-${i}-url`]: s.url });
  });
  return fields;
}

describe('public calendar page', () => {
  it('shows 2026 with Tết 16–20/2, Giỗ Tổ, the status and the sources, under 100 KB', async () => {
    const res = await t.app.inject({ url: '/lich?year=2026' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.length).toBeLessThan(100_000);
    expect(res.body).toContain('Lịch nghỉ lễ, Tết năm 2026');
    expect(res.body).toContain('Thứ Hai 16/02/2026 – Thứ Sáu 20/02/2026');
    expect(res.body).toContain('29 tháng Chạp – mùng 4 tháng Giêng');
    expect(res.body).toContain('Tết Nguyên đán Bính Ngọ: mùng 1 tháng Giêng là Thứ Ba 17/02/2026');
    expect(res.body).toContain(
      'Giỗ Tổ Hùng Vương (mùng 10 tháng Ba âm lịch): <strong>Chủ nhật 26/04/2026</strong>',
    );
    expect(res.body).toContain('Chính thức');
    expect(res.body).toContain('9441/TB-BNV');
    expect(res.body).toContain('Làm bù cho ngày nghỉ hoán đổi Thứ Hai 31/8/2026');
    expect(res.body).not.toContain('<script');
    // Twelve month grids; Tết days marked.
    expect(res.body.match(/<table class="cal-month">/g)).toHaveLength(12);
    expect(res.body).toContain(
      '<strong>17</strong><span class="visually-hidden">, nghỉ: Tết Âm lịch (mùng 1 tháng Giêng)</span>',
    );
  });

  it('defaults to the current local year, has a /calendar alias and marks years without data as estimated', async () => {
    const current = await t.app.inject({ url: '/lich' });
    expect(current.body).toContain('năm 2026');
    const alias = await t.app.inject({ url: '/calendar?year=2031' });
    expect(alias.statusCode).toBe(200);
    expect(alias.body).toContain('Ước tính');
    expect(alias.body).toContain('Bộ luật Lao động');
    const english = await t.app.inject({ url: '/lich?year=2026&lang=en' });
    expect(english.body).toContain('Public holidays and Tết in 2026');
    const tooEarly = await t.app.inject({ url: '/lich?year=1800', headers: { accept: 'text/html' } });
    expect(tooEarly.statusCode).toBe(422);
  });

  it('serves its stylesheet', async () => {
    const css = await t.app.inject({ url: '/assets/calendar.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });
});

describe('admin calendar form', () => {
  it('is for the admin only', async () => {
    const anon = await t.app.inject({ url: '/admin/calendar/2026', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(401);
    const manager = await t.app.inject({
      url: '/admin/calendar/2026',
      headers: bearer(await t.tokenFor('demo.manager')),
    });
    expect(manager.statusCode).toBe(403);
    const redirect = await t.app.inject({
      url: '/admin/calendar',
      headers: bearer(await t.tokenFor('admin')),
    });
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe('/admin/calendar/2026');
  });

  it('refuses a post without the CSRF token', async () => {
    const { cookie } = await adminSession();
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/calendar/2026',
      headers: { cookie, ...FORM },
      payload: new URLSearchParams(await formOfYear(2026)).toString(),
    });
    expect(res.statusCode).toBe(403);
  });

  it('summarises every error at the top and keeps the input', async () => {
    const { cookie, csrf } = await adminSession();
    const fields = await formOfYear(2026);
    const n = Object.keys(fields).filter((k) => /^off-\d+-date$/.test(k)).length;
    Object.assign(fields, {
      _csrf: csrf,
      [`off-${n}-date`]: '2027-01-05',
      [`off-${n}-name`]: 'Ngày gõ nhầm năm',
      [`off-${n}-kind`]: 'holiday',
      'work-0-date': '2026-01-12',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/calendar/2026',
      headers: { cookie, ...FORM },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Lỗi: ');
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(`<a href="#off-${n}-date">Ngày 05/01/2027 không thuộc năm 2026</a>`);
    expect(res.body).toContain(
      '<a href="#work-0-date">Ngày làm bù 12/01/2026 phải là Thứ Bảy hoặc Chủ nhật</a>',
    );
    expect(res.body).toContain('value="Ngày gõ nhầm năm"');
    expect(res.body).toContain('value="2027-01-05"');
    expect(res.body).toContain(`aria-describedby="off-${n}-date-error"`);
    expect((await t.app.inject({ url: '/api/v1/calendar/years/2026' })).json().revision).toBe(1);
  });

  it('saves a new revision, redirects, and the public page shows the new day off', async () => {
    const { cookie, csrf } = await adminSession();
    const fields = await formOfYear(2026);
    const n = Object.keys(fields).filter((k) => /^off-\d+-date$/.test(k)).length;
    Object.assign(fields, {
      _csrf: csrf,
      [`off-${n}-date`]: '2026-11-24',
      [`off-${n}-name`]: 'Ngày Văn hóa Việt Nam',
      [`off-${n}-kind`]: 'holiday',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/calendar/2026',
      headers: { cookie, ...FORM },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/admin/calendar/2026?saved=2');
    const saved = await t.app.inject({ url: '/admin/calendar/2026?saved=2', headers: { cookie } });
    expect(saved.body).toContain('Đã lưu bản sửa số 2');
    const pub = await t.app.inject({ url: '/lich?year=2026' });
    expect(pub.body).toContain('Ngày Văn hóa Việt Nam');
    expect(pub.body).toContain('Bản sửa số 2.');

    // The same form posted again is stale: someone (this test) already saved revision 2.
    const stale = await t.app.inject({
      method: 'POST',
      url: '/admin/calendar/2026',
      headers: { cookie, ...FORM },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('vừa được người khác sửa');
  });

  it('removes a day with the “Xóa” box', async () => {
    const { cookie, csrf } = await adminSession();
    const fields = await formOfYear(2026);
    const index = Object.entries(fields)
      .find(([k, v]) => /^off-\d+-date$/.test(k) && v === '2026-11-24')?.[0]
      .split('-')[1];
    Object.assign(fields, { _csrf: csrf, [`off-${index}-remove`]: '1' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/calendar/2026',
      headers: { cookie, ...FORM },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(res.statusCode, res.body).toBe(303);
    const data = (await t.app.inject({ url: '/api/v1/calendar/years/2026' })).json();
    expect(data.revision).toBe(3);
    expect(data.daysOff.map((d: { date: string }) => d.date)).not.toContain('2026-11-24');
  });
});
