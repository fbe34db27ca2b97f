/**
 * The catalog pages without a browser: the procedure page a citizen reads before coming, the home
 * page's search box, and the staff pages (list, history with diffs, draft and publish forms with
 * GOV.UK error summaries that keep the input).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVnd } from '../../src/modules/catalog/domain/diff.ts';
import type { RealCatalogFile } from '../../src/modules/catalog/domain/real-catalog.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let headers: { authorization: string };

const real = JSON.parse(
  readFileSync(new URL('../../data/catalog/procedures.real.json', import.meta.url), 'utf8'),
) as RealCatalogFile;
const birth = real.procedures.find((p) => p.code === '1.001193');

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPublicPerMinute: 10_000 } });
  headers = bearer(await t.tokenFor('demo.admin'));
});
afterAll(async () => t?.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const form = (fields: Record<string, string>) => ({
  headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('the public procedure page', () => {
  it('shows what to bring, fees in đồng, the time limit with its cut-off, where, post and result', async () => {
    expect(birth?.documents?.length).toBeGreaterThan(0);
    const res = await t.app.inject({ url: '/thu-tuc/1.001193' });
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
    const page = text(res.body);
    expect(page).toContain('Đăng ký khai sinh');
    expect(page).toContain('Giấy tờ cần mang theo');
    for (const d of birth?.documents ?? []) expect(page).toContain(d.name);
    const template = birth?.documents?.find((d) => d.blankFormFile)?.blankFormFile;
    if (template) expect(page).toContain(`Mẫu: ${template}`);
    expect(page).toContain('Bản chính');
    expect(page).toMatch(/Bắt buộc/);
    for (const f of birth?.fees ?? []) expect(page).toContain(formatVnd(f.amountVnd));
    expect(page).toContain('8.000 đ');
    expect(page).toContain('Trong ngày; hồ sơ nhận sau 15:00 được tính từ ngày làm việc tiếp theo');
    expect(page).toContain('Ủy ban nhân dân cấp xã');
    expect(page).toContain('Cấp xã');
    expect(page).toContain('Gửi hồ sơ: Có; nhận kết quả: Có');
    expect(page).toContain('Giấy khai sinh');
    expect(page).toContain('Luật Hộ tịch');
    expect(res.body).toContain('class="no-print"');
  });

  it('is in English with ?lang=en, and shows an older version with ?at=', async () => {
    const en = text((await t.app.inject({ url: '/thu-tuc/1.001193?lang=en' })).body);
    expect(en).toContain('What to bring');
    expect(en).toContain('Within the day; dossiers received after 15:00 count from the next working day');
    const old = await t.app.inject({ url: '/thu-tuc/1.001193?at=2019-06-01' });
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toContain('text/html');
    expect(text(old.body)).toContain('Thủ tục không có phiên bản còn hiệu lực vào ngày này.');
    const unknown = await t.app.inject({ url: '/thu-tuc/9.999999' });
    expect(unknown.statusCode).toBe(404);
    expect(text(unknown.body)).toContain('Không tìm thấy thủ tục hành chính.');
  });

  it('is reached from the home page search box and the navigation', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.body).toMatch(/<form method="get" action="\/thu-tuc" role="search"/);
    expect(home.body).toContain('href="/thu-tuc"');
    expect(home.body).toContain('href="/thu-tuc/thong-ke"');
    const staffHome = await t.app.inject({ url: '/', headers });
    expect(staffHome.body).toContain('href="/admin/catalog"');
    const clerkHome = await t.app.inject({ url: '/', headers: bearer(await t.tokenFor('demo.clerk')) });
    expect(clerkHome.body).not.toContain('href="/admin/catalog"');
  });
});

describe('the staff pages', () => {
  it('need catalog.manage', async () => {
    expect((await t.app.inject({ url: '/admin/catalog' })).statusCode).toBe(401);
    const clerk = bearer(await t.tokenFor('demo.clerk'));
    expect((await t.app.inject({ url: '/admin/catalog', headers: clerk })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/admin/catalog/1.001193', headers: clerk })).statusCode).toBe(403);
    const post = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/drafts',
      ...form({ name: 'x' }),
      headers: { ...clerk, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(403);
  });

  it('list every code with its status, searchable without diacritics', async () => {
    const list = await t.app.inject({ url: '/admin/catalog?q=dang+ky+khai+sinh', headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/catalog/1.001193"');
    expect(text(list.body)).toContain('Đang áp dụng');
    const drafts = await t.app.inject({ url: '/admin/catalog?status=draft', headers });
    expect(text(drafts.body)).toContain('0 thủ tục');
  });

  it('keep the input and summarise every error of the draft form', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/drafts',
      ...form({
        name: 'Đăng ký khai sinh',
        timeValue: 'ba',
        timeUnit: 'working_days',
        cutoff: '15:00',
        online: 'full',
        postalSend: 'yes',
        fees: 'Lệ phí | nhiều tiền',
        documents: 'Tờ khai | original | 0 | có',
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Lỗi: ');
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? '';
    expect(summary).toContain('href="#timeValue"');
    expect(summary).toContain('href="#fees"');
    expect(summary).toContain('href="#documents"');
    expect(text(summary)).toContain('Thành phần hồ sơ (dòng 1)');
    expect(res.body).toContain('value="ba"');
    expect(res.body).toContain('Lệ phí | nhiều tiền</textarea');
    expect(res.body).toMatch(/id="postalSend" name="postalSend" value="yes"\s+checked/);
    expect(res.body).not.toMatch(/id="postalReceive" name="postalReceive" value="yes"\s+checked/);
    expect(res.body).toMatch(/<span class="visually-hidden">Lỗi: <\/span\s*>/);
    // The screen-reader prefix of each field's error follows the page language.
    const en = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/drafts?lang=en',
      ...form({ name: 'Đăng ký khai sinh', timeValue: 'ba', timeUnit: 'working_days', online: 'full' }),
    });
    expect(en.statusCode).toBe(422);
    expect(en.body).toMatch(/<span class="visually-hidden">Error: <\/span\s*>/);
    expect(en.body).not.toMatch(/<span class="visually-hidden">Lỗi: <\/span\s*>/);
  });

  it('create a draft, show the diff, publish it from a date, and the public page follows', async () => {
    const before = await t.app.inject({ url: '/admin/catalog/1.001193', headers });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('action="/admin/catalog/1.001193/drafts"');
    expect(before.body).toContain('value="0"'); // the time limit in force, prefilled
    const fees = /<textarea[^>]*id="fees"[^>]*>\n?([^<]*)<\/textarea/.exec(before.body)?.[1] ?? '';
    const documents = /<textarea[^>]*id="documents"[^>]*>\n?([^<]*)<\/textarea/.exec(before.body)?.[1] ?? '';
    expect(fees).toContain('8000');
    const decode = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>');

    const created = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/drafts',
      ...form({
        name: 'Đăng ký khai sinh',
        timeValue: '3',
        timeUnit: 'working_days',
        cutoff: '',
        online: 'partial',
        postalSend: 'yes',
        postalReceive: 'yes',
        oneStop: 'yes',
        fees: decode(fees),
        documents: decode(documents),
      }),
    });
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe('/admin/catalog/1.001193?done=draft');

    const withDraft = await t.app.inject({ url: '/admin/catalog/1.001193?done=draft', headers });
    const page = text(withDraft.body);
    expect(page).toContain('Đã lưu dự thảo.');
    expect(page).toContain('Thay đổi từ phiên bản 1 sang 2');
    expect(page).toContain('0 ngày làm việc');
    expect(page).toContain('3 ngày làm việc');
    expect(page).toContain('Sửa dự thảo phiên bản 2');
    expect(withDraft.body).toContain('action="/admin/catalog/1.001193/versions/2/publish"');
    expect(Buffer.byteLength(withDraft.body)).toBeLessThan(100_000);
    // The documents survived the round trip through the form unchanged.
    const history = (await t.app.inject({ url: '/api/v1/procedures/1.001193/versions', headers })).json()
      .items;
    expect(history[1].documents).toEqual(history[0].documents);
    expect(history[1].fees).toEqual(history[0].fees);

    const badDate = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/versions/2/publish',
      ...form({ validFrom: '31/02/2026', decisionNumber: '12/QĐ-UBND', decisionDate: '' }),
    });
    expect(badDate.statusCode).toBe(422);
    const badSummary = text(/<div class="error-summary"[\s\S]*?<\/div>/.exec(badDate.body)?.[0] ?? '');
    expect(badSummary).toContain('Hiệu lực từ ngày');
    expect(badSummary).toContain('Ngày ký quyết định');
    expect(badDate.body).toContain('value="12/QĐ-UBND"');

    const overlap = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/versions/2/publish',
      ...form({ validFrom: '2019-01-01' }),
    });
    expect(overlap.statusCode).toBe(409);
    expect(text(overlap.body)).toContain(
      'Thời gian hiệu lực trùng với một phiên bản đã công bố. (phiên bản 1)',
    );

    const published = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.001193/versions/2/publish',
      ...form({ validFrom: '2026-03-01', decisionNumber: '12/QĐ-UBND', decisionDate: '2026-02-20' }),
    });
    expect(published.statusCode, published.body).toBe(303);
    const after = text((await t.app.inject({ url: '/admin/catalog/1.001193?done=published', headers })).body);
    expect(after).toContain('Đã công bố phiên bản mới.');
    expect(after).toMatch(/Đang áp dụng: phiên bản 2/);
    expect(after).toContain('28/02/2026'); // version 1 closed the day before

    const publicPage = text((await t.app.inject({ url: '/thu-tuc/1.001193' })).body);
    expect(publicPage).toContain('3 ngày làm việc');
    expect(publicPage).toContain('12/QĐ-UBND');
    expect(text((await t.app.inject({ url: '/thu-tuc/1.001193?at=2026-02-28' })).body)).toContain(
      'Trong ngày',
    );
  });

  it('retire a version through the form, refusing a day outside its window', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.000894/versions/1/retire',
      ...form({ lastDay: '2019-01-01' }),
    });
    expect(wrong.statusCode).toBe(422);
    expect(text(wrong.body)).toContain('Ngày cuối hiệu lực phải nằm trong thời gian hiệu lực hiện có.');
    const done = await t.app.inject({
      method: 'POST',
      url: '/admin/catalog/1.000894/versions/1/retire',
      ...form({ lastDay: '2026-12-31' }),
    });
    expect(done.statusCode).toBe(303);
    expect(text((await t.app.inject({ url: '/admin/catalog/1.000894', headers })).body)).toContain(
      'Đã bãi bỏ',
    );
  });
});
