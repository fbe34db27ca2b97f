/**
 * Issue #6 caveats: Idempotency-Key on the postal write routes (requests, cash hand-overs), and one
 * "out for delivery" notification per delivery attempt.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, postalCashEntries, postalRequests } from '../../src/adapters/db/schema.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  call,
  COMPLETE_PICKUP,
  event,
  publishProcedure,
  requestBody,
  SERVICE_POINT,
  setTariff,
} from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await publishProcedure(t);
  await setTariff(t);
});
afterAll(async () => t?.close());

async function post(user: string | null, url: string, payload: unknown, key?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      ...(user ? bearer(await t.tokenFor(user)) : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: payload as object,
  });
}

const requestCount = async () =>
  Number((await t.db.database.db.select({ n: sql<number>`count(*)` }).from(postalRequests))[0]?.n ?? 0);

describe('Idempotency-Key on postal writes', () => {
  it('creates a citizen’s request once; a retry gets the first answer, marked replayed', async () => {
    const before = await requestCount();
    const first = await post(null, '/api/v1/postal/requests', requestBody(), 'req-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(null, '/api/v1/postal/requests', requestBody(), 'req-key-0001');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await requestCount()).toBe(before + 1);
  });

  it('refuses another body under the same key and changes nothing', async () => {
    const before = await requestCount();
    const other = await post(
      null,
      '/api/v1/postal/requests',
      requestBody({ delivery: undefined }),
      'req-key-0001',
    );
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await requestCount()).toBe(before);
  });

  it('creates once when the same key arrives twice at the same time', async () => {
    const before = await requestCount();
    const [a, b] = await Promise.all([
      post('demo.clerk', '/api/v1/postal/requests', requestBody(), 'req-key-race'),
      post('demo.clerk', '/api/v1/postal/requests', requestBody(), 'req-key-race'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect(await requestCount()).toBe(before + 1);
  });

  it('keys are per caller: the same key from another clerk is another request', async () => {
    const before = await requestCount();
    const res = await post('demo.clerk', '/api/v1/postal/requests', requestBody(), 'req-key-0001');
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await requestCount()).toBe(before + 1);
  });

  it('records a cash hand-over once per key', async () => {
    const body = {
      courier: 'demo.courier',
      day: '2026-03-02',
      amountVnd: 150_000,
      servicePointCode: SERVICE_POINT,
    };
    const handovers = async () =>
      (
        await t.db.database.db
          .select()
          .from(postalCashEntries)
          .where(and(eq(postalCashEntries.kind, 'handed_over'), eq(postalCashEntries.day, '2026-03-02')))
      ).length;
    const before = await handovers();
    const first = await post('demo.clerk', '/api/v1/postal/cash/handovers', body, 'cash-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('demo.clerk', '/api/v1/postal/cash/handovers', body, 'cash-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await handovers()).toBe(before + 1);
    const reused = await post(
      'demo.clerk',
      '/api/v1/postal/cash/handovers',
      { ...body, amountVnd: 1 },
      'cash-key-1',
    );
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await handovers()).toBe(before + 1);
    // Without a key every call is a new hand-over (as before).
    expect((await post('demo.clerk', '/api/v1/postal/cash/handovers', body)).statusCode).toBe(201);
    expect(await handovers()).toBe(before + 2);
  });
});

describe('"out for delivery" notifications', () => {
  it('announce each delivery attempt once, with the attempt number', async () => {
    // A dossier picked up by post, received, processed to a result and handed to the courier.
    const created = (await post(null, '/api/v1/postal/requests', requestBody())).json();
    const [pickup, delivery] = created.items.map((i: { trackingNumber: string }) => i.trackingNumber) as [
      string,
      string,
    ];
    expect((await event(t, 'demo.courier', pickup, COMPLETE_PICKUP)).statusCode).toBe(200);
    const taken = await event(t, 'demo.clerk', pickup, { type: 'take-over' });
    expect(taken.statusCode, taken.body).toBe(200);
    const code = taken.json().dossier.code as string;
    for (const [user, body] of [
      ['demo.clerk', { action: 'forward' }],
      ['demo.officer', { action: 'complete', result: { kind: 'paper', number: 'LLTP-0099/2026' } }],
    ] as const) {
      const d = (await call(t, 'demo.clerk', 'GET', `/api/v1/dossiers/${code}`)).json();
      const res = await call(t, user, 'POST', `/api/v1/dossiers/${code}/actions`, {
        ...body,
        version: d.version,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await event(t, 'demo.clerk', delivery, { type: 'hand-over' })).statusCode).toBe(200);
    expect((await event(t, 'demo.courier', delivery, { type: 'take-over' })).statusCode).toBe(200);

    const announced = async () =>
      (
        await t.db.database.db
          .select()
          .from(outbox)
          .where(
            and(
              eq(outbox.topic, 'postal.out-for-delivery'),
              sql`${outbox.payload}->>'trackingNumber' = ${delivery}`,
            ),
          )
          .orderBy(asc(outbox.id))
      ).map((r) => r.payload as { attempt: number; notificationKey: string });

    const out = await event(t, 'demo.courier', delivery, { type: 'out-for-delivery' });
    expect(out.statusCode, out.body).toBe(200);
    // A second tap (or a replay) in the same attempt changes nothing and announces nothing.
    const twice = await Promise.all([
      event(t, 'demo.courier', delivery, { type: 'out-for-delivery' }),
      event(t, 'demo.courier', delivery, { type: 'out-for-delivery' }),
    ]);
    expect(twice.map((r) => r.statusCode)).toEqual([409, 409]);
    expect(await announced()).toEqual([
      expect.objectContaining({ attempt: 1, notificationKey: `postal:${delivery}:out-for-delivery:1` }),
    ]);
    expect(
      (await event(t, 'demo.courier', delivery, { type: 'fail-attempt', reason: 'absent' })).statusCode,
    ).toBe(200);
    expect((await event(t, 'demo.courier', delivery, { type: 'out-for-delivery' })).statusCode).toBe(200);
    expect((await announced()).map((p) => p.attempt)).toEqual([1, 2]);
  });
});
