/**
 * Search over HTTP, with the real procedures of the demo data and the 1,958 generated ones loaded:
 * unaccented and misspelt queries find the right real procedure first; filters and paging hold.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealCatalogFile } from '../../src/modules/catalog/domain/real-catalog.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { loadGenerated } from './support.ts';

let t: TestApp;

interface Item {
  code: string;
  name: string;
  field: string;
  levels: string[];
  onlineLevel: string;
  postal: { sendDossier: boolean; receiveResult: boolean };
  oneStop: boolean;
  agency: { code: string };
  processingTime: { value: number; unit: string };
}
interface Page {
  at: string;
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

const real = JSON.parse(
  readFileSync(new URL('../../data/catalog/procedures.real.json', import.meta.url), 'utf8'),
) as RealCatalogFile;
const realName = (code: string) => real.procedures.find((p) => p.code === code)?.name;

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPublicPerMinute: 10_000 } });
  await loadGenerated(t, 1958, 2022);
});
afterAll(async () => t?.close());

async function search(query: string): Promise<Page> {
  const res = await t.app.inject({ url: `/api/v1/procedures?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

describe('GET /api/v1/procedures: the right real procedure comes first', () => {
  const cases: [query: string, code: string][] = [
    ['dang ky khai sinh', '1.001193'],
    ['khai sinh', '1.001193'],
    ['đăng kí kết hôn', '1.000894'],
    ['dang ki ket hon', '1.000894'],
    ['DANG KY KHAI TU', '1.000656'],
    ['khai sihn', '1.001193'], // two letters swapped
    ['thủ tục đăng ký kết hôn', '1.000894'], // "thủ tục" is noise
    ['dang ky thuong tru', '1.004222'],
    ['ly lich tu phap cho cong dan', '2.000488'],
    ['doi giay phep lai xe', '1.000010'],
    ['xac nhan tinh trang hon nhan', '1.004873'],
    ['mo khoa can cuoc dien tu', '3.000286'],
    ['1.001193', '1.001193'],
  ];
  for (const [query, code] of cases) {
    it(`"${query}" → ${code} ${realName(code) ?? ''}`, async () => {
      expect(realName(code), `${code} is in the real data`).toBeDefined();
      const page = await search(`q=${encodeURIComponent(query)}`);
      expect(page.items[0]?.code, JSON.stringify(page.items.slice(0, 3).map((i) => i.name))).toBe(code);
      expect(page.items[0]?.name).toBe(realName(code));
    });
  }

  it('answers summaries with the time limit, and pages through all hits', async () => {
    const first = await search('q=giay+phep&pageSize=5');
    expect(first.items).toHaveLength(5);
    expect(first.total).toBeGreaterThan(5);
    expect(first.items[0]).toHaveProperty('processingTime.unit');
    const codes = new Set<string>();
    const pages = Math.ceil(first.total / 50);
    for (let p = 1; p <= pages; p++)
      for (const i of (await search(`q=giay+phep&pageSize=50&page=${p}`)).items) codes.add(i.code);
    expect(codes.size).toBe(first.total);
    expect((await search(`q=giay+phep&pageSize=50&page=${pages + 1}`)).items).toEqual([]);
  });
});

describe('filters', () => {
  it('level, field, agency, online, postal and one-stop narrow the results', async () => {
    const all = (await search('pageSize=1')).total;
    expect(all).toBe(
      1958 + real.procedures.filter((p) => p.processingTime !== null && p.result !== null).length,
    );

    const commune = await search('level=commune&pageSize=200');
    expect(commune.total).toBeGreaterThan(0);
    expect(commune.items.every((i) => i.levels.includes('commune'))).toBe(true);

    const field = await search(`field=${encodeURIComponent('ho tich')}&q=khai+sinh&pageSize=50`);
    expect(field.items.length).toBeGreaterThan(0);
    expect(field.items.every((i) => i.field === 'Hộ tịch')).toBe(true);

    const agency = await search('agency=UBND-XA&pageSize=200');
    expect(agency.items.every((i) => i.agency.code === 'UBND-XA')).toBe(true);

    const online = await search('online=full,partial&pageSize=200');
    expect(online.items.every((i) => i.onlineLevel !== 'none')).toBe(true);

    const send = await search('postal=send&pageSize=200');
    const receive = await search('postal=receive&pageSize=200');
    const both = await search('postal=both&pageSize=200');
    const none = await search('postal=none&pageSize=200');
    expect(send.items.every((i) => i.postal.sendDossier)).toBe(true);
    expect(receive.items.every((i) => i.postal.receiveResult)).toBe(true);
    expect(both.items.every((i) => i.postal.sendDossier && i.postal.receiveResult)).toBe(true);
    expect(none.items.every((i) => !i.postal.sendDossier && !i.postal.receiveResult)).toBe(true);
    expect(both.total).toBeLessThanOrEqual(Math.min(send.total, receive.total));
    expect(send.total + receive.total - both.total + none.total).toBe(all);

    const notOneStop = await search('oneStop=false&pageSize=200');
    expect(notOneStop.items.every((i) => !i.oneStop)).toBe(true);
    expect(notOneStop.total + (await search('oneStop=true&pageSize=1')).total).toBe(all);
  });

  it('rejects malformed filters with VALIDATION_FAILED', async () => {
    for (const q of [
      'level=hamlet',
      'postal=maybe',
      'online=full,sometimes',
      'pageSize=500',
      'at=2026-02-30',
    ]) {
      const res = await t.app.inject({ url: `/api/v1/procedures?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('searches the catalog of another date', async () => {
    // The demo's real procedures are in force from 2020-01-01; the generated ones from 2021-07-01 on.
    const before = await search('q=khai+sinh&at=2019-12-31');
    expect(before.items.map((i) => i.code)).not.toContain('1.001193');
    expect((await search('pageSize=1&at=2019-12-31')).total).toBe(0);
    expect((await search('q=khai+sinh&at=2020-01-01')).items[0]?.code).toBe('1.001193');
  });
});

describe('the public search page', () => {
  it('finds "dang ky khai sinh" typed without diacritics and keeps the query and filters in the form', async () => {
    const res = await t.app.inject({ url: '/thu-tuc?q=dang+ky+khai+sinh&level=commune&postal=both' });
    expect(res.statusCode).toBe(200);
    const firstLink = /<ol class="results">[\s\S]*?<a href="([^"]+)">([^<]+)<\/a>/.exec(res.body);
    expect(firstLink?.[1]).toBe('/thu-tuc/1.001193');
    expect(res.body).toContain('value="dang ky khai sinh"');
    expect(res.body).toMatch(/<option value="commune"\s+selected/);
    expect(res.body).toMatch(/<option value="both"\s+selected/);
    expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
  });

  it('pages the results with links that keep the filters', async () => {
    const res = await t.app.inject({ url: '/thu-tuc?level=province&page=2' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Tìm thấy \d+ thủ tục/);
    expect(res.body).toContain('href="/thu-tuc?level=province&amp;page=1" rel="prev"');
    expect(res.body).toContain('href="/thu-tuc?level=province&amp;page=3" rel="next"');
    expect(res.body).toMatch(/page=2" aria-current="page"\s*><span class="visually-hidden">Trang <\/span>2/);
    expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
  });

  it('says so when nothing is found, in English too', async () => {
    const vi = await t.app.inject({ url: '/thu-tuc?q=xyzzy+qwerty' });
    expect(vi.body).toContain('Không tìm thấy thủ tục nào');
    const en = await t.app.inject({ url: '/thu-tuc?q=xyzzy+qwerty&lang=en' });
    expect(en.body).toContain('No procedure found');
    expect(en.body).toContain('<html lang="en">');
  });
});
