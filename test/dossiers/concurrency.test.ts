/**
 * Codes under concurrency and idempotent retries. On the PostgreSQL engine the 50 intakes run in
 * parallel transactions over a pool of 20 connections (real concurrency: the sequence row lock
 * serialises them); on PGlite they are serialised by its single session.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, idempotencyKeys } from '../../src/adapters/db/schema.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { act, get, intakeBody, LONG_SESSIONS, post, registerProcedure, SERVICE_POINT } from './builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
  await t.tokenFor('demo.clerk');
});
afterAll(async () => t.close());

const dossierCount = async () =>
  (await t.db.database.db.select({ n: sql<number>`count(*)::int` }).from(dossiers))[0]!.n;

const expectedCodes = (n: number, day = '260302') =>
  Array.from({ length: n }, (_, i) => `${SERVICE_POINT}-${day}-${String(i + 1).padStart(4, '0')}`);

describe('dossier codes under concurrency', () => {
  const firstCodes = new Map<string, string>();

  it('50 parallel intakes at one service point get 0001–0050, no gap, no duplicate', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody(), `intake-${i}`),
      ),
    );
    for (const r of responses) expect(r.statusCode, r.body).toBe(201);
    const codes = responses.map((r) => (r.json() as { code: string }).code);
    expect([...codes].sort()).toEqual(expectedCodes(50));
    responses.forEach((r, i) => firstCodes.set(`intake-${i}`, (r.json() as { code: string }).code));
    expect(await dossierCount()).toBe(50);
  });

  it('retrying all 50 (twice, in parallel) with the same keys returns the first answers and creates nothing', async () => {
    const retries = await Promise.all(
      [...firstCodes.keys(), ...firstCodes.keys()].map((key) =>
        post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody(), key).then((r) => ({ key, r })),
      ),
    );
    for (const { key, r } of retries) {
      expect(r.statusCode, r.body).toBe(201);
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect((r.json() as { code: string }).code).toBe(firstCodes.get(key));
    }
    expect(await dossierCount()).toBe(50);
  });

  it('ten concurrent first requests with one new key create one dossier, and the next code has no gap', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody(), 'same-new-key'),
      ),
    );
    const codes = new Set(responses.map((r) => (r.json() as { code: string }).code));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect([...codes]).toEqual([`${SERVICE_POINT}-260302-0051`]);
    expect(await dossierCount()).toBe(51);
    const next = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(next.json()).toMatchObject({ code: `${SERVICE_POINT}-260302-0052` });
  });

  it('the same key with a different body is refused with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ returnMethod: 'online', channel: 'online' }),
      'intake-0',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(intakeBody()).reverse());
    const same = await post(t, 'demo.clerk', '/api/v1/dossiers', reordered, 'intake-0');
    expect(same.json()).toMatchObject({ code: firstCodes.get('intake-0') });
  });

  it('keys are scoped by actor: another clerk’s identical key is a new request', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'clerk.two',
        password: 'long-enough-password',
        fullName: 'Clerk Two',
        roles: [{ role: 'clerk', scope: { servicePoint: SERVICE_POINT } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.tokenFor('clerk.two', 'long-enough-password');
    const res = await post(t, 'clerk.two', '/api/v1/dossiers', intakeBody(), 'intake-0');
    expect(res.statusCode).toBe(201);
    expect(res.json().code).not.toBe(firstCodes.get('intake-0'));
    const keys = await t.db.database.db
      .select()
      .from(idempotencyKeys)
      .where(sql`${idempotencyKeys.key} like '%:intake-0'`);
    expect(keys).toHaveLength(2);
  });

  it('an incomplete intake retried with its key is recorded once and answers the same 422', async () => {
    const body = intakeBody({ documents: [] });
    const first = await post(t, 'demo.clerk', '/api/v1/dossiers', body, 'incomplete-1');
    const again = await post(t, 'demo.clerk', '/api/v1/dossiers', body, 'incomplete-1');
    expect(first.statusCode).toBe(422);
    expect(again.statusCode).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().details.guidanceId).toBe(first.json().details.guidanceId);
  });

  it('an action retried with its key is applied once', async () => {
    const code = firstCodes.get('intake-1') as string;
    const url = `/api/v1/dossiers/${code}/actions`;
    const [a, b] = await Promise.all([
      post(t, 'demo.clerk', url, { action: 'forward', version: 1 }, 'forward-1'),
      post(t, 'demo.clerk', url, { action: 'forward', version: 1 }, 'forward-1'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().version).toBe(2);
    expect(b.json().version).toBe(2);
    const detail = (await get(t, 'demo.clerk', `/api/v1/dossiers/${code}`)).json();
    expect(detail.handovers).toHaveLength(1);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'dossier.received',
      'dossier.forwarded',
    ]);
    // Without a key, the same stale request is a version conflict.
    const stale = await post(t, 'demo.clerk', url, { action: 'forward', version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('parallel actions on one dossier with the same version: one wins, the other gets 409', async () => {
    const code = firstCodes.get('intake-2') as string;
    await act(t, 'demo.clerk', code, { action: 'forward' });
    const url = `/api/v1/dossiers/${code}/actions`;
    const results = await Promise.all([
      post(t, 'demo.officer', url, {
        action: 'complete',
        version: 2,
        result: { kind: 'paper', number: 'A' },
      }),
      post(t, 'demo.officer', url, {
        action: 'request-supplement',
        version: 2,
        reason: 'Thiếu',
        items: ['X'],
      }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({
      code: 'DOSSIER_VERSION_CONFLICT',
    });
    const [row] = await t.db.database.db.select().from(dossiers).where(eq(dossiers.code, code));
    expect(row!.version).toBe(3);
  });
});
