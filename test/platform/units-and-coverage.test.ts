import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Unit = {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
};

describe('administrative units are effective-dated data', () => {
  it('lists the 17 district-level units of Gia Lai (64) on 30 June 2025', async () => {
    const res = await t.app.inject({ url: '/api/v1/units?at=2025-06-30&level=district&parent=64' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Unit[] }).items;
    expect(items.map((u) => u.code)).toEqual([
      '622',
      '623',
      '624',
      '625',
      '626',
      '627',
      '628',
      '629',
      '630',
      '631',
      '632',
      '633',
      '634',
      '635',
      '637',
      '638',
      '639',
    ]);
    expect(items.find((u) => u.code === '622')?.name).toBe('Pleiku');
  });

  it('has no district level from 1 July 2025', async () => {
    const res = await t.app.inject({ url: '/api/v1/units?at=2025-07-01&level=district' });
    expect((res.json() as { items: Unit[] }).items).toEqual([]);
  });

  it('counts 220 communes in 2022, 218 from 1 Nov 2024, and 135 in the merged Gia Lai (52)', async () => {
    const count = async (q: string) =>
      ((await t.app.inject({ url: `/api/v1/units?${q}` })).json() as { items: Unit[] }).items.length;
    const communesOf64 = async (at: string) => {
      const districts = (
        (await t.app.inject({ url: `/api/v1/units?at=${at}&parent=64` })).json() as { items: Unit[] }
      ).items;
      let n = 0;
      for (const d of districts) n += await count(`at=${at}&parent=${d.code}`);
      return n;
    };
    expect(await communesOf64('2022-09-14')).toBe(220);
    expect(await communesOf64('2024-11-01')).toBe(218);
    expect(await count('at=2025-07-01&level=commune&parent=52')).toBe(135);
  });

  it('keeps both versions of a re-used code (52: Bình Định until 30/6/2025, the merged Gia Lai after)', async () => {
    const res = await t.app.inject({ url: '/api/v1/units/52' });
    const versions = (res.json() as { versions: Unit[] }).versions;
    expect(versions.map((v) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['Bình Định', '2020-01-01', '2025-06-30'],
      ['Gia Lai', '2025-07-01', null],
    ]);
  });

  it('follows successions: xã Tân Sơn → Biển Hồ (NQ 1195, 1/11/2024) → Biển Hồ of the new province (NQ 1664)', async () => {
    const res = await t.app.inject({ url: '/api/v1/units/23593/successors' });
    const items = (res.json() as { items: { code: string; effectiveOn: string; legalBasis: string }[] })
      .items;
    expect(items[0]).toMatchObject({ code: '23590', effectiveOn: '2024-11-01' });
    expect(items.some((i) => i.effectiveOn === '2025-07-01' && i.legalBasis.startsWith('NQ 1664'))).toBe(
      true,
    );
    expect((await t.app.inject({ url: '/api/v1/units/64/successors' })).json()).toMatchObject({
      items: [{ code: '52', effectiveOn: '2025-07-01' }],
    });
  });

  it('answers an unknown unit with a problem document', async () => {
    const res = await t.app.inject({ url: '/api/v1/units/99999/successors' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'UNIT_NOT_FOUND', status: 404 });
  });

  it('rejects an impossible date', async () => {
    const res = await t.app.inject({ url: '/api/v1/units?at=2025-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name: 'at' }] });
  });
});

describe('service points, agencies and coverage', () => {
  it('reproduces the 2022 rollout: 1/1, 17/17, 14/220 run by the post', async () => {
    const token = await t.tokenFor('demo.manager');
    const res = await t.app.inject({ url: '/api/v1/reports/coverage?at=2022-09-14', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      province: { post: 1, total: 1 },
      district: { post: 17, total: 17 },
      commune: { post: 14, total: 220 },
    });
  });

  it('has no district one-stop departments after the reform', async () => {
    const token = await t.tokenFor('demo.manager');
    const res = await t.app.inject({ url: '/api/v1/reports/coverage?at=2025-07-01', headers: bearer(token) });
    expect(res.json()).toMatchObject({
      province: { total: 1 },
      district: { post: 0, total: 0 },
      commune: { total: 135 },
    });
  });

  it('filters service points by level and operator', async () => {
    const res = await t.app.inject({
      url: '/api/v1/service-points?at=2022-09-14&level=commune&operator=post',
    });
    const items = (res.json() as { items: { code: string; operator: string; level: string }[] }).items;
    expect(items).toHaveLength(14);
    expect(items.every((s) => s.operator === 'post' && s.level === 'commune')).toBe(true);
    expect(items.map((s) => s.code)).toContain('H21.23779'); // Ia Tô, Ia Grai
  });

  it('flags agencies that keep their own staff at the counters (BHXH, Công an)', async () => {
    const res = await t.app.inject({ url: '/api/v1/agencies?at=2022-09-14&level=province' });
    const items = (res.json() as { items: { code: string; keepsOwnStaffAtCounters: boolean }[] }).items;
    const own = items.filter((a) => a.keepsOwnStaffAtCounters).map((a) => a.code);
    expect(own).toEqual(expect.arrayContaining(['BHXH-TINH', 'CONG-AN-TINH']));
    expect(own).not.toContain('SO-TU-PHAP');
  });
});
