/**
 * End to end with the dossiers module: a dossier received at the counter over HTTP writes
 * `dossier.received` to the outbox; the dispatcher turns it into an e-mail (real SMTP on loopback)
 * and an SMS (loopback gateway) carrying the code and the appointment, never the ID number.
 * Uses the dossier tests' builders, so it follows the outbox payload the dossiers module really writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../../src/adapters/mail/smtp-mailer.ts';
import { HttpSmsGateway } from '../../src/adapters/sms/http-sms-gateway.ts';
import { formatWhen } from '../../src/modules/notifications/templates.ts';
import { NotificationDispatcher } from '../../src/modules/notifications/dispatcher.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  act,
  get,
  LONG_SESSIONS,
  PERSON,
  receiveAtCounter,
  registerProcedure,
} from '../dossiers/builders.ts';
import {
  parseMail,
  startSmsGateway,
  startSmtpServer,
  type TestSmsGateway,
  type TestSmtpServer,
} from './support.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let gateway: TestSmsGateway;
let mailer: SmtpMailer;
let dispatcher: NotificationDispatcher;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
  smtp = await startSmtpServer();
  gateway = await startSmsGateway();
  mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'MotCua <no-reply@motcua.test>',
  });
  dispatcher = new NotificationDispatcher({
    database: t.db.database,
    clock: t.clock,
    publicBaseUrl: 'https://motcua.test',
    mailer,
    sms: new HttpSmsGateway({ url: gateway.url, token: 't' }),
    maxAttempts: 5,
    retryBaseMs: 30_000,
    intervalMs: 0,
  });
});
afterAll(async () => {
  await mailer.close();
  await smtp.close();
  await gateway.close();
  await t.close();
});

describe('dossier → outbox → notifications', () => {
  it('a dossier received at the counter is announced by e-mail and SMS with its code and appointment', async () => {
    t.clock.set('2026-03-02T09:00:00+07:00');
    const code = await receiveAtCounter(t);
    const dossier = (await get(t, 'demo.manager', `/api/v1/dossiers/${code}`)).json() as { dueAt: string };
    const appointment = formatWhen(new Date(dossier.dueAt), 'vi');

    const report = await dispatcher.drainOnce();
    expect(report).toMatchObject({ sent: 2 });

    expect(smtp.mails.map((m) => m.to)).toEqual([[PERSON.email]]);
    const mail = parseMail(smtp.mails[0]!.raw);
    expect(mail.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(mail.text).toContain(`Ngày hẹn trả kết quả: ${appointment}`);
    expect(mail.text).toMatch(/\d{2}:\d{2} ngày \d{2}\/\d{2}\/2026/);
    expect(mail.text).toContain('Cấp Phiếu lý lịch tư pháp');

    const sms = JSON.parse(gateway.requests[0]!.body) as { to: string; text: string };
    expect(sms.to).toBe('+84912345678');
    expect(sms.text).toContain(code);

    for (const out of [mail.text, mail.html, mail.subject, sms.text]) {
      expect(out).not.toContain('064095000123'); // PERSON's ID number
      expect(out).not.toContain('Trần Hưng Đạo');
    }

    // Supplement requested: the e-mail lists what to bring.
    await act(t, 'demo.clerk', code, { action: 'forward' });
    await act(t, 'demo.officer', code, {
      action: 'request-supplement',
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu'],
    });
    await dispatcher.drainOnce();
    const supplement = parseMail(smtp.mails[1]!.raw);
    expect(supplement.subject).toBe(`Hồ sơ ${code} cần bổ sung giấy tờ`);
    expect(supplement.text).toContain('- Bản sao sổ hộ khẩu');
  });
});
