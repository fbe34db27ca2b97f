/**
 * Regressions found by fuzzing the postal routes (issue #9): manifest confirmation, cash hand-overs
 * and the tariff. Each case is a request the fuzzer once answered with a 5xx or an undocumented
 * problem; each must now be a documented problem (or a success) and leave nothing half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TARIFF } from '../../src/modules/postal/domain/tariff.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  call,
  COMPLETE_PICKUP,
  event,
  publishProcedure,
  requestBody,
  SERVICE_POINT,
  setTariff,
} from '../postal/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await publishProcedure(t);
  await setTariff(t);
});
afterAll(async () => t?.close());

async function pickedUpItem(): Promise<string> {
  const created = await call(
    t,
    null,
    'POST',
    '/api/v1/postal/requests',
    requestBody({ delivery: undefined }),
  );
  expect(created.statusCode, created.body).toBe(201);
  const tn = created.json().items[0].trackingNumber as string;
  expect((await event(t, 'demo.courier', tn, COMPLETE_PICKUP)).statusCode).toBe(200);
  return tn;
}

describe('POST /api/v1/postal/manifests/{id}/confirm', () => {
  it('answers 404 for a manifest id in the urn:uuid form that the uuid format accepts', async () => {
    const res = await call(
      t,
      'demo.clerk',
      'POST',
      '/api/v1/postal/manifests/urn:uuid:6f1c2a7e-1d2b-4c3d-8e4f-5a6b7c8d9e0f/confirm',
      { count: 1 },
    );
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(res.json().code).toBeDefined();
  });

  it('answers 404 for a manifest id in the urn:uuid form on reads too', async () => {
    for (const suffix of ['', '/pdf']) {
      const res = await call(
        t,
        'demo.clerk',
        'GET',
        `/api/v1/postal/manifests/urn:uuid:6f1c2a7e-1d2b-4c3d-8e4f-5a6b7c8d9e0f${suffix}`,
      );
      expect(res.statusCode, res.body).toBeLessThan(500);
    }
  });

  it('confirms once; a second confirmation (same or other side) is a documented conflict', async () => {
    const tn = await pickedUpItem();
    const created = await call(t, 'demo.courier', 'POST', '/api/v1/postal/manifests', {
      direction: 'to_counter',
      items: [tn],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const giverAgain = await call(t, 'demo.courier', 'POST', `/api/v1/postal/manifests/${id}/confirm`, {
      count: 1,
    });
    expect(giverAgain.statusCode, giverAgain.body).toBeLessThan(500);
    const [a, b] = await Promise.all([
      call(t, 'demo.clerk', 'POST', `/api/v1/postal/manifests/${id}/confirm`, { count: 1 }),
      call(t, 'demo.clerk', 'POST', `/api/v1/postal/manifests/${id}/confirm`, { count: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    for (const who of ['demo.admin', 'demo.manager', 'demo.officer', 'admin']) {
      const res = await call(t, who, 'POST', `/api/v1/postal/manifests/${id}/confirm`, { count: 1 });
      expect(res.statusCode, `${who}: ${res.body}`).toBeLessThan(500);
    }
  });
});

describe('POST /api/v1/postal/cash/handovers', () => {
  const body = (over: Record<string, unknown>) => ({
    courier: 'demo.courier',
    day: '2026-03-02',
    amountVnd: 100_000,
    servicePointCode: SERVICE_POINT,
    ...over,
  });

  it.each([
    ['a year PostgreSQL cannot store', { day: '0000-01-01' }],
    ['a day before the Gregorian epoch', { day: '0001-01-01' }],
    ['an amount above any cash day', { amountVnd: 10_000_000_000 }],
    ['an unknown courier', { courier: 'nobody.here' }],
    ['a user who is not a courier', { courier: 'demo.clerk' }],
    ['an unknown service point', { servicePointCode: 'H99.99' }],
    ['a service point code with SQL', { servicePointCode: "H21.52' OR 1=1 --" }],
  ])('answers a documented problem or success for %s', async (_label, over) => {
    const res = await call(t, 'demo.clerk', 'POST', '/api/v1/postal/cash/handovers', body(over));
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('/api/v1/postal/tariff', () => {
  it.each(['0000-01-01', '0001-01-01', '9999-12-31', '2025-02-29'])('reads the tariff at %s', async (at) => {
    const res = await call(t, null, 'GET', `/api/v1/postal/tariff?at=${at}`);
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it.each(['9999-12-31', '2026-03-02', '2099-01-01'])('sets a tariff from %s', async (validFrom) => {
    const res = await call(t, 'admin', 'POST', '/api/v1/postal/tariff', { validFrom, bands: DEMO_TARIFF });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it('refuses bands that would hide each other or overflow', async () => {
    const res = await call(t, 'admin', 'POST', '/api/v1/postal/tariff', {
      validFrom: '2026-03-03',
      bands: [...DEMO_TARIFF, { zone: 'other', maxWeightGrams: 30_000, priceVnd: 100_000_000 }],
    });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});
