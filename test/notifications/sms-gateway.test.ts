/**
 * SMS notifications through the HTTP gateway adapter against a loopback HTTP server: the contract
 * (bearer token, JSON body, reference), 5xx and timeouts retried, 4xx refused for good, give-up,
 * unusable payloads kept in the outbox, no personal data in the logs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpSmsGateway } from '../../src/adapters/sms/http-sms-gateway.ts';
import { outbox } from '../../src/adapters/db/schema.ts';
import { FakeClock } from '../../src/kernel/clock.ts';
import {
  NotificationDispatcher,
  type NotificationDispatcherOptions,
} from '../../src/modules/notifications/dispatcher.ts';
import { gsmSeptets } from '../../src/modules/notifications/gsm.ts';
import { notificationMessages } from '../../src/modules/notifications/notifications.tables.ts';
import { DeliveryError } from '../../src/modules/notifications/ports.ts';
import { enqueueOutbox } from '../../src/modules/outbox/outbox.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { recordingLogger, startSmsGateway, type TestSmsGateway } from './support.ts';

const CODE = 'H21.52-260220-0007';
const PHONE = '0912 345 612';
const TOKEN = 'gateway-token-for-tests';

let db: TestDatabase;
let clock: FakeClock;
let gateway: TestSmsGateway;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.destroy());
beforeEach(async () => {
  clock = new FakeClock('2026-02-20T02:00:00Z');
  gateway = await startSmsGateway();
  await db.database.db.delete(notificationMessages);
  await db.database.db.delete(outbox);
});
afterEach(async () => gateway.close());

function dispatcher(options: Partial<NotificationDispatcherOptions> = {}) {
  return new NotificationDispatcher({
    database: db.database,
    clock,
    publicBaseUrl: 'https://motcua.test',
    sms: new HttpSmsGateway({ url: gateway.url, token: TOKEN, timeoutMs: 2_000 }),
    maxAttempts: 4,
    retryBaseMs: 30_000,
    intervalMs: 0,
    ...options,
  });
}

async function enqueue(topic: string, payload: unknown): Promise<void> {
  await db.database.transaction((tx) => enqueueOutbox(tx, clock.now(), [{ topic, payload }]));
}

async function messages() {
  return db.database.db.select().from(notificationMessages).orderBy(notificationMessages.id);
}

describe('SMS through the HTTP gateway', () => {
  it('POSTs {to, text, reference} as JSON with the bearer token; 2xx {id} is the provider id', async () => {
    await enqueue('dossier.received', {
      code: CODE,
      contact: { phone: PHONE },
      dueAt: '2026-02-25T03:00:00Z',
    });
    expect(await dispatcher().drainOnce()).toMatchObject({ sent: 1 });

    expect(gateway.requests).toHaveLength(1);
    const req = gateway.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/sms');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(req.body) as { to: string; text: string; reference: string };
    expect(Object.keys(body).sort()).toEqual(['reference', 'text', 'to']);
    expect(body.to).toBe('+84912345612');
    expect(body.reference).toMatch(/^notification-\d+$/);
    expect(req.headers['idempotency-key']).toBe(body.reference);
    expect(body.text).toBe(
      `MotCua: Ho so ${CODE} da duoc tiep nhan. Hen tra ket qua 10:00 ngay 25/02/2026. Tra cuu: https://motcua.test/tra-cuu?code=${CODE}`,
    );
    expect(gsmSeptets(body.text)).toBeLessThanOrEqual(160);

    const [row] = await messages();
    expect(row).toMatchObject({
      channel: 'sms',
      status: 'sent',
      attempts: 1,
      providerMessageId: 'gw-1',
      subject: null,
    });
  });

  it('retries a 5xx answer after the backoff and delivers', async () => {
    gateway.respond(503);
    await enqueue('dossier.result-ready', {
      code: CODE,
      contact: { phone: PHONE },
      returnMethod: 'counter',
      servicePoint: { name: 'TTPVHCC tỉnh' },
    });
    const d = dispatcher();
    expect(await d.drainOnce()).toMatchObject({ retrying: 1 });
    let [row] = await messages();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toMatch(/^retryable: sms gateway HTTP 503/);

    gateway.respond(200);
    await d.drainOnce();
    expect(gateway.requests).toHaveLength(1); // backoff not over
    clock.advance(30_000);
    await d.drainOnce();
    [row] = await messages();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(gateway.requests).toHaveLength(2);
    const refs = gateway.requests.map((r) => (JSON.parse(r.body) as { reference: string }).reference);
    expect(refs[0]).toBe(refs[1]); // same reference on the retry
  });

  it('gives up on a 4xx answer at once (failed: refused for good) and never retries it', async () => {
    gateway.respond(400, { error: 'invalid number +84912345612' });
    await enqueue('dossier.received', { code: CODE, contact: { phone: PHONE } });
    const d = dispatcher();
    expect(await d.drainOnce()).toMatchObject({ failed: 1, retrying: 0 });
    const [row] = await messages();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/^permanent: sms gateway HTTP 400/);
    expect(row!.lastError).not.toContain('912345612'); // the echoed number is redacted
    gateway.respond(200);
    clock.advance(7 * 24 * 3_600_000);
    await d.drainOnce();
    expect(gateway.requests).toHaveLength(1);
  });

  it('treats 429 and timeouts as retryable, and gives up after the maximum attempts', async () => {
    gateway.respond(429);
    await enqueue('dossier.received', { code: CODE, contact: { phone: PHONE } });
    const d = dispatcher({ maxAttempts: 3 });
    await d.drainOnce();
    expect((await messages())[0]).toMatchObject({ status: 'queued', attempts: 1 });
    gateway.respond(500);
    clock.advance(3_600_000);
    await d.drainOnce();
    clock.advance(3_600_000);
    expect(await d.drainOnce()).toMatchObject({ gaveUp: 1 });
    expect((await messages())[0]).toMatchObject({ status: 'gave_up', attempts: 3 });
    expect(gateway.requests).toHaveLength(3);

    // A gateway that does not answer in time.
    const slow: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/sms`;
    try {
      await expect(
        new HttpSmsGateway({ url, token: TOKEN, timeoutMs: 200 }).send({
          to: '+84912345612',
          text: 'x',
          reference: 'r',
        }),
      ).rejects.toMatchObject(new DeliveryError('retryable', 'sms gateway: timeout'));
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
    // A gateway nobody listens on.
    await expect(
      new HttpSmsGateway({ url: 'http://127.0.0.1:1/sms', token: TOKEN }).send({
        to: '+84912345612',
        text: 'x',
        reference: 'r',
      }),
    ).rejects.toMatchObject({ kind: 'retryable' });
  });

  it('creates a failed message for a phone number that is not Vietnamese, visible to staff', async () => {
    await enqueue('dossier.received', { code: CODE, contact: { phone: '12345' } });
    await dispatcher().drainOnce();
    const [row] = await messages();
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 0,
      lastError: 'recipient: not a Vietnamese phone number',
    });
    expect(gateway.requests).toHaveLength(0);
  });
});

describe('outbox handling', () => {
  it('acknowledges topics it does not handle without a message', async () => {
    // dossier.submitted is handled since online submission (template `submitted`); forwarding is not.
    await enqueue('dossier.forwarded', { code: CODE, contact: { phone: PHONE } });
    await enqueue('postal.picked-up', { trackingNumber: 'EA1' });
    expect(await dispatcher().drainOnce()).toMatchObject({ events: 2, messagesCreated: 0 });
    expect(await messages()).toHaveLength(0);
    const rows = await db.database.db.select().from(outbox);
    expect(rows.every((r) => r.deliveredAt !== null)).toBe(true);
  });

  it('keeps an unusable payload in the outbox with its error, retried with the outbox backoff', async () => {
    await enqueue('dossier.apologized', { code: CODE, contact: { phone: PHONE } }); // no newDueAt
    const d = dispatcher();
    expect(await d.drainOnce()).toMatchObject({ invalidEvents: 1, events: 0 });
    const [event] = await db.database.db.select().from(outbox);
    expect(event).toMatchObject({
      deliveredAt: null,
      attempts: 1,
      lastError: 'dossier.apologized without a valid newDueAt',
    });
    expect(event!.availableAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('makes each message once even if an event is processed twice', async () => {
    await enqueue('dossier.received', { code: CODE, contact: { phone: PHONE, email: 'a@b.vn' } });
    await dispatcher({ sms: undefined }).drainOnce();
    await db.database.db.update(outbox).set({ deliveredAt: null }); // as if the acknowledgement were lost
    await dispatcher({ sms: undefined }).drainOnce();
    expect(await messages()).toHaveLength(2);
  });

  it('logs ids, statuses and errors, never a recipient or a message text', async () => {
    const log = recordingLogger();
    const email = 'tran.thi.b@example.vn';
    await enqueue('dossier.received', {
      code: CODE,
      contact: { phone: PHONE, email },
      dueAt: '2026-02-25T03:00:00Z',
    });
    await enqueue('dossier.supplement-requested', {
      code: CODE,
      contact: { phone: PHONE },
      items: ['Giấy chứng sinh'],
    });
    await enqueue('dossier.apologized', { code: CODE, contact: { phone: PHONE } });
    gateway.respond(500, { error: `cannot reach ${PHONE}` });
    const failingMailer = {
      send: async () => {
        throw new Error(`mailbox ${email} unavailable`);
      },
    };
    const d = dispatcher({ log, mailer: failingMailer });
    await d.drainOnce();
    gateway.respond(400, { error: `bad number ${PHONE}` });
    clock.advance(3_600_000);
    await d.drainOnce();
    expect(log.calls.length).toBeGreaterThanOrEqual(6);
    const logged = JSON.stringify(log.calls);
    for (const secret of [
      email,
      '912345612',
      '912 345 612',
      'Giay chung sinh',
      'Giấy chứng sinh',
      'da duoc tiep nhan',
    ])
      expect(logged).not.toContain(secret);
    expect(log.calls.some((c) => c.obj.notificationId !== undefined && c.obj.status === 'failed')).toBe(true);
  });
});
