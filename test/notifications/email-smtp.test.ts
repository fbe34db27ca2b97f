/**
 * E-mail notifications against a real SMTP server on loopback (smtp-server): rendering, delivery
 * status, retries with backoff when the server is down, give-up, permanent refusal, at-least-once
 * after an interrupted attempt, and no personal data in the logs.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../../src/adapters/mail/smtp-mailer.ts';
import { outbox } from '../../src/adapters/db/schema.ts';
import { FakeClock } from '../../src/kernel/clock.ts';
import {
  NotificationDispatcher,
  type NotificationDispatcherOptions,
} from '../../src/modules/notifications/dispatcher.ts';
import { notificationMessages } from '../../src/modules/notifications/notifications.tables.ts';
import type { EmailMessage, Mailer, SendReceipt } from '../../src/modules/notifications/ports.ts';
import { enqueueOutbox } from '../../src/modules/outbox/outbox.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { freePort, parseMail, recordingLogger, startSmtpServer, type TestSmtpServer } from './support.ts';

const CODE = 'H21.52-260220-0007';
const EMAIL = 'nguyen.van.a@example.vn';
const PHONE = '0912345612';
const RECEIVED = {
  code: CODE,
  procedureName: 'Đăng ký khai sinh',
  contact: { phone: PHONE, email: EMAIL },
  dueAt: '2026-02-25T03:00:00.000Z', // 10:00 in Vietnam
};

let db: TestDatabase;
let clock: FakeClock;
const servers: TestSmtpServer[] = [];
const mailers: SmtpMailer[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.destroy());
beforeEach(async () => {
  clock = new FakeClock('2026-02-20T02:00:00Z');
  await db.database.db.delete(notificationMessages);
  await db.database.db.delete(outbox);
});
afterEach(async () => {
  for (const m of mailers.splice(0)) await m.close();
  for (const s of servers.splice(0)) await s.close();
});

async function smtp(port = 0, options?: Parameters<typeof startSmtpServer>[1]): Promise<TestSmtpServer> {
  const s = await startSmtpServer(port, options);
  servers.push(s);
  return s;
}

function mailer(port: number, auth?: { user: string; pass: string }): SmtpMailer {
  const m = new SmtpMailer({
    host: '127.0.0.1',
    port,
    secure: false,
    user: auth?.user,
    pass: auth?.pass,
    from: 'MotCua Bưu điện Gia Lai <no-reply@motcua.test>',
    connectionTimeoutMs: 2_000,
    greetingTimeoutMs: 2_000,
    socketTimeoutMs: 5_000,
  });
  mailers.push(m);
  return m;
}

function dispatcher(options: Partial<NotificationDispatcherOptions> & { mailer?: Mailer | undefined }) {
  return new NotificationDispatcher({
    database: db.database,
    clock,
    publicBaseUrl: 'https://motcua.test',
    maxAttempts: 5,
    retryBaseMs: 30_000,
    intervalMs: 0,
    ...options,
  });
}

async function enqueue(topic: string, payload: unknown): Promise<void> {
  await db.database.transaction((tx) => enqueueOutbox(tx, clock.now(), [{ topic, payload }]));
}

async function emails() {
  return db.database.db.select().from(notificationMessages).where(eq(notificationMessages.channel, 'email'));
}

describe('e-mail over SMTP', () => {
  it('turns dossier.received into an e-mail in Vietnamese with the code and the appointment', async () => {
    const server = await smtp();
    const d = dispatcher({ mailer: mailer(server.port) });
    await enqueue('dossier.received', RECEIVED);

    const report = await d.drainOnce();
    expect(report).toMatchObject({ events: 1, messagesCreated: 2, sent: 1 });

    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.from).toBe('no-reply@motcua.test');
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe(`Hồ sơ ${CODE} đã được tiếp nhận`);
    expect(parsed.text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(parsed.text).toContain('Ngày hẹn trả kết quả: 10:00 ngày 25/02/2026');
    expect(parsed.text).toContain(`https://motcua.test/tra-cuu?code=${CODE}`);
    expect(parsed.html).toContain('10:00 ngày 25/02/2026');
    expect(parsed.headers.get('message-id')).toMatch(/^<notification-\d+@motcua\.test>$/);

    const [row] = await emails();
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      template: 'received',
      language: 'vi',
      dossierCode: CODE,
    });
    expect(row!.providerMessageId).toBe(parsed.headers.get('message-id'));
    expect(row!.sentAt).toEqual(clock.now());
    // The outbox event is acknowledged; the SMS (no gateway configured) waits, visible, not dropped.
    const [event] = await db.database.db.select().from(outbox);
    expect(event!.deliveredAt).not.toBeNull();
    const [sms] = await db.database.db
      .select()
      .from(notificationMessages)
      .where(eq(notificationMessages.channel, 'sms'));
    expect(sms).toMatchObject({ status: 'queued', attempts: 0, recipient: '+84912345612' });
  });

  it('writes English when the payload asks for it', async () => {
    const server = await smtp();
    await enqueue('dossier.received', { ...RECEIVED, language: 'en' });
    await dispatcher({ mailer: mailer(server.port) }).drainOnce();
    const parsed = parseMail(server.mails[0]!.raw);
    expect(parsed.subject).toBe(`Your dossier ${CODE} has been received`);
    expect(parsed.text).toContain('Result due: 10:00 on 25/02/2026');
  });

  it('ACCEPTANCE: a notification whose SMTP server is down is retried and delivered once it is back', async () => {
    const port = await freePort(); // nothing listens here yet
    const log = recordingLogger();
    const d = dispatcher({ mailer: mailer(port), log });
    await enqueue('dossier.received', RECEIVED);

    const first = await d.drainOnce();
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await emails();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(row!.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 30_000));

    const server = await smtp(port); // the server comes back on the same port
    // Not before the backoff has passed.
    await d.drainOnce();
    expect(server.mails).toHaveLength(0);
    clock.advance(31_000);
    const second = await d.drainOnce();
    expect(second).toMatchObject({ sent: 1, retrying: 0 });
    [row] = await emails();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(server.mails).toHaveLength(1);
    expect(parseMail(server.mails[0]!.raw).subject).toContain(CODE);

    // Exactly once: later drains send nothing more.
    clock.advance(24 * 3_600_000);
    await d.drainOnce();
    await d.drainOnce();
    expect(server.mails).toHaveLength(1);
    expect(await emails()).toHaveLength(1);

    // The failure was logged, without the recipient.
    expect(log.calls.some((c) => c.msg.includes('will retry'))).toBe(true);
    const logged = JSON.stringify(log.calls);
    expect(logged).not.toContain(EMAIL);
    expect(logged).not.toContain('912345612');
  });

  it('gives up after the maximum number of attempts, and keeps the message', async () => {
    const port = await freePort();
    const d = dispatcher({ mailer: mailer(port), maxAttempts: 3 });
    await enqueue('dossier.received', RECEIVED);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await d.drainOnce();
      const [row] = await emails();
      delays.push(row!.nextAttemptAt.getTime() - clock.now().getTime());
      clock.advance(6 * 3_600_000);
    }
    expect(delays.slice(0, 2)).toEqual([30_000, 60_000]);
    const [row] = await emails();
    expect(row).toMatchObject({ status: 'gave_up', attempts: 3 });
    expect(row!.lastError).toMatch(/^retryable: smtp/);
    const server = await smtp(port);
    await d.drainOnce();
    expect(server.mails).toHaveLength(0); // gave_up is not retried automatically (staff can requeue)
  });

  it('authenticates when a user is configured; a wrong password is retried, not dropped', async () => {
    const server = await smtp(0, { auth: { user: 'motcua', pass: 's3cret' } });
    await enqueue('dossier.received', RECEIVED);
    await dispatcher({ mailer: mailer(server.port, { user: 'motcua', pass: 'wrong' }) }).drainOnce();
    let [row] = await emails();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toContain('EAUTH');
    expect(row!.lastError).not.toContain('wrong');

    clock.advance(60_000);
    await dispatcher({ mailer: mailer(server.port, { user: 'motcua', pass: 's3cret' }) }).drainOnce();
    [row] = await emails();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(server.mails.map((m) => m.user)).toEqual(['motcua']);
  });

  it('marks a recipient the server refuses (550) failed, with the address redacted, and does not retry it', async () => {
    const server = await smtp(0, { rejectRecipients: [EMAIL] });
    const d = dispatcher({ mailer: mailer(server.port) });
    await enqueue('dossier.received', RECEIVED);
    expect(await d.drainOnce()).toMatchObject({ failed: 1 });
    const [row] = await emails();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/^permanent: smtp EENVELOPE 550/);
    expect(row!.lastError).not.toContain(EMAIL);
    clock.advance(24 * 3_600_000);
    await d.drainOnce();
    expect((await emails())[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('records the attempt before sending: an attempt interrupted after the send is repeated (at-least-once, same Message-ID)', async () => {
    const server = await smtp();
    const real = mailer(server.port);
    // The "process" sends, then dies before it can record the result: the promise never settles.
    const dying: Mailer = {
      send: async (m: EmailMessage): Promise<SendReceipt> => {
        await real.send(m);
        return new Promise<SendReceipt>(() => undefined);
      },
    };
    await enqueue('dossier.received', RECEIVED);
    void dispatcher({ mailer: dying, leaseMs: 5 * 60_000 }).drainOnce();
    await expect.poll(() => server.mails.length, { timeout: 5_000 }).toBe(1);
    const [during] = await emails();
    expect(during).toMatchObject({ status: 'queued', attempts: 1 }); // counted before the send

    // A restarted process does not touch it during the lease, then sends it again.
    const restarted = dispatcher({ mailer: real });
    await restarted.drainOnce();
    expect(server.mails).toHaveLength(1);
    clock.advance(5 * 60_000 + 1);
    await restarted.drainOnce();
    expect(server.mails).toHaveLength(2);
    const [after] = await emails();
    expect(after).toMatchObject({ status: 'sent', attempts: 2 });
    const ids = server.mails.map((m) => parseMail(m.raw).headers.get('message-id'));
    expect(ids[0]).toBe(ids[1]);
  });

  it('keeps e-mail queued while no SMTP server is configured, and sends it once one is', async () => {
    await enqueue('dossier.received', RECEIVED);
    const unconfigured = dispatcher({ mailer: undefined });
    expect(unconfigured.channels).toEqual([]);
    await unconfigured.drainOnce();
    expect((await emails())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    const server = await smtp();
    await dispatcher({ mailer: mailer(server.port) }).drainOnce();
    expect((await emails())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(server.mails).toHaveLength(1);
  });
});
