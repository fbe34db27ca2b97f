/**
 * The coverage table with the generated catalog loaded: Gia Lai's 2022 figures, 1,958 procedures =
 * 1,470 provincial + 315 district + 173 commune, 1,866 one-stop and 92 not (DOMAIN.md §0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog } from '../../src/modules/catalog/domain/generate.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { admin, loadGenerated } from './support.ts';

let t: TestApp;

interface Row {
  level: string;
  total: number;
  oneStop: number;
  notOneStop: number;
  online: { full: number; partial: number; none: number };
  postal: { send: number; receive: number; both: number; none: number };
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  await loadGenerated(t, 1958, 2022);
});
afterAll(async () => t?.close());

describe('GET /api/v1/catalog/coverage with the generated catalog', () => {
  it('shows 1,958 = 1,470 + 315 + 173 and one-stop 1,866 / 92', async () => {
    const res = await t.app.inject({ url: '/api/v1/catalog/coverage' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { at: string; rows: Row[]; total: Row };
    expect(body.at).toBe('2026-03-02');
    const byLevel = Object.fromEntries(body.rows.map((r) => [r.level, r.total]));
    expect(byLevel).toEqual({ province: 1470, district: 315, commune: 173 });
    expect(body.total).toMatchObject({ level: 'all', total: 1958, oneStop: 1866, notOneStop: 92 });
    expect(body.rows.reduce((n, r) => n + r.oneStop, 0)).toBe(1866);

    // Every other count agrees with the generated data, cell by cell.
    const versions = generateCatalog({ count: 1958, seed: 2022 });
    for (const r of body.rows) {
      const mine = versions.filter((v) => v.levels.includes(r.level as 'province'));
      expect(r.online).toEqual({
        full: mine.filter((v) => v.onlineLevel === 'full').length,
        partial: mine.filter((v) => v.onlineLevel === 'partial').length,
        none: mine.filter((v) => v.onlineLevel === 'none').length,
      });
      expect(r.postal).toEqual({
        send: mine.filter((v) => v.postal.sendDossier).length,
        receive: mine.filter((v) => v.postal.receiveResult).length,
        both: mine.filter((v) => v.postal.sendDossier && v.postal.receiveResult).length,
        none: mine.filter((v) => !v.postal.sendDossier && !v.postal.receiveResult).length,
      });
      expect(r.online.full + r.online.partial + r.online.none).toBe(r.total);
      expect(r.oneStop + r.notOneStop).toBe(r.total);
    }
  });

  it('counts only what is in force on the date asked', async () => {
    const versions = generateCatalog({ count: 1958, seed: 2022 });
    const at = '2022-12-31';
    const inForce = versions.filter((v) => (v.validFrom ?? '9999') <= at).length;
    expect(inForce).toBeGreaterThan(0);
    expect(inForce).toBeLessThan(1958);
    const res = await t.app.inject({ url: `/api/v1/catalog/coverage?at=${at}` });
    expect(res.json().total.total).toBe(inForce);
    expect((await t.app.inject({ url: '/api/v1/catalog/coverage?at=2025-02-30' })).statusCode).toBe(400);
  });

  it('renders the same table on the public and staff pages', async () => {
    for (const [url, headers] of [
      ['/thu-tuc/thong-ke', {}],
      ['/admin/catalog/coverage', await admin(t)],
    ] as const) {
      const res = await t.app.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
      const text = res.body.replace(/\s+/g, '');
      expect(text).toContain('Cấptỉnh</th><tdclass="num">1470</td>');
      expect(text).toContain('Cấphuyện</th><tdclass="num">315</td>');
      expect(text).toContain('Cấpxã</th><tdclass="num">173</td>');
      expect(text).toContain(
        'Tổngcộng</th><tdclass="num">1958</td><tdclass="num">1866</td><tdclass="num">92</td>',
      );
      expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
    }
    expect((await t.app.inject({ url: '/admin/catalog/coverage' })).statusCode).toBe(401);
  });
});
