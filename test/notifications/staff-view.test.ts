/**
 * Staff view of notifications: the API lists messages with masked recipients only, filters by
 * status, respects scope; staff requeue failed / gave-up messages (audited); the page renders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/adapters/db/schema.ts';
import { NotificationDispatcher } from '../../src/modules/notifications/dispatcher.ts';
import { DeliveryError, type Mailer, type SmsGateway } from '../../src/modules/notifications/ports.ts';
import { enqueueOutbox } from '../../src/modules/outbox/outbox.repository.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

const EMAIL = 'nguyen.van.a@example.vn';
const PHONE = '0912345612';
const OTHER_PHONE = '0987654321';

let t: TestApp;
let mailerAccepts = false;

const mailer: Mailer = {
  send: async (m) => {
    if (!mailerAccepts)
      throw new DeliveryError('permanent', 'smtp EENVELOPE 550: <address>: Recipient address rejected');
    return { providerMessageId: `<${m.reference}@test>` };
  },
};
const sms: SmsGateway = { send: async () => ({ providerMessageId: 'gw-1' }) };

function dispatcher() {
  return new NotificationDispatcher({
    database: t.db.database,
    clock: t.clock,
    publicBaseUrl: 'https://motcua.test',
    mailer,
    sms,
    maxAttempts: 3,
    retryBaseMs: 30_000,
    intervalMs: 0,
  });
}

interface Item {
  id: number;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  dossierCode: string;
  lastError: string | null;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.db.database.transaction((tx) =>
    enqueueOutbox(tx, t.clock.now(), [
      {
        topic: 'dossier.received',
        payload: {
          code: 'H21.52-260302-0001',
          contact: { phone: PHONE, email: EMAIL },
          dueAt: '2026-03-09T03:00:00Z',
        },
      },
      {
        topic: 'dossier.result-ready',
        payload: { code: 'H21.628-260302-0001', contact: { phone: OTHER_PHONE }, returnMethod: 'counter' },
      },
    ]),
  );
  await dispatcher().drainOnce();
});
afterAll(async () => t.close());

async function list(
  who: string,
  query = '',
): Promise<{ items: Item[]; total: number; counts: Record<string, number> }> {
  const res = await t.app.inject({
    url: `/api/v1/notifications${query}`,
    headers: bearer(await t.tokenFor(who)),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('staff view of notifications', () => {
  it('lists messages with their status, recipients masked, no bodies', async () => {
    const res = await t.app.inject({
      url: '/api/v1/notifications',
      headers: bearer(await t.tokenFor('demo.manager')),
    });
    expect(res.statusCode).toBe(200);
    for (const secret of [EMAIL, PHONE, '912345612', OTHER_PHONE, '987654321', 'nguyen.van.a'])
      expect(res.body).not.toContain(secret);
    const body = res.json() as { items: Item[]; total: number; counts: Record<string, number> };
    expect(body.total).toBe(3);
    expect(body.counts).toEqual({ queued: 0, sent: 2, failed: 1, gave_up: 0 });
    const email = body.items.find((i) => i.channel === 'email')!;
    expect(email).toMatchObject({
      recipient: 'n***@example.vn',
      status: 'failed',
      attempts: 1,
      dossierCode: 'H21.52-260302-0001',
    });
    expect(email.lastError).toMatch(/^permanent: smtp EENVELOPE 550/);
    expect(
      body.items
        .filter((i) => i.channel === 'sms')
        .map((i) => i.recipient)
        .sort(),
    ).toEqual(['09******12', '09******21']);
    expect(Object.keys(email)).not.toContain('body');
    expect((await list('demo.auditor')).total).toBe(3);
    expect((await list('demo.admin', '?status=failed')).items.map((i) => i.channel)).toEqual(['email']);
  });

  it('shows a scoped manager only the messages of the service points in scope', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: {
        username: 'manager.iagrai.n',
        password: 'long-enough-password',
        fullName: 'Quản lý Ia Grai',
        roles: [{ role: 'manager', scope: { unit: '628' } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.tokenFor('manager.iagrai.n', 'long-enough-password');
    const scoped = await list('manager.iagrai.n');
    expect(scoped.items.map((i) => i.dossierCode)).toEqual(['H21.628-260302-0001']);
    const failed = (await list('demo.manager', '?status=failed')).items[0]!;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${failed.id}/retry`,
      headers: bearer(await t.tokenFor('manager.iagrai.n')),
    });
    expect(res.statusCode).toBe(403);
  });

  it('requeues a failed message (audited); the dispatcher then sends it', async () => {
    const failed = (await list('demo.manager', '?status=failed')).items[0]!;
    const token = await t.tokenFor('demo.manager');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${failed.id}/retry`,
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: failed.id,
      status: 'queued',
      attempts: 0,
      recipient: 'n***@example.vn',
    });
    const audit = await t.db.database.db.select().from(auditEvents);
    expect(
      audit.find((a) => a.action === 'notification.requeued' && a.entityId === String(failed.id)),
    ).toMatchObject({
      actorLabel: 'demo.manager',
      change: { status: { from: 'failed', to: 'queued' }, attempts: 1 },
    });
    expect(JSON.stringify(audit)).not.toContain(EMAIL);

    // Only failed / gave-up messages can be requeued.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${failed.id}/retry`,
      headers: bearer(token),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'NOTIFICATION_NOT_RETRYABLE' });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/999999/retry',
      headers: bearer(token),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });

    mailerAccepts = true;
    await dispatcher().drainOnce();
    const after = (await list('demo.manager')).items.find((i) => i.id === failed.id)!;
    expect(after).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('renders /admin/notifications with masked recipients; retry buttons only for those who may retry', async () => {
    mailerAccepts = false;
    await t.db.database.transaction((tx) =>
      enqueueOutbox(tx, t.clock.now(), [
        {
          topic: 'dossier.apologized',
          payload: {
            code: 'H21.52-260302-0002',
            contact: { email: EMAIL },
            newDueAt: '2026-03-20T03:00:00Z',
          },
        },
      ]),
    );
    await dispatcher().drainOnce();
    const manager = await t.app.inject({
      url: '/admin/notifications',
      headers: bearer(await t.tokenFor('demo.manager')),
    });
    expect(manager.statusCode).toBe(200);
    expect(manager.headers['content-type']).toMatch(/text\/html/);
    expect(manager.body).toContain('Thông báo gửi người dân');
    expect(manager.body).toContain('n***@example.vn');
    expect(manager.body).toContain('09******12');
    expect(manager.body).not.toContain(EMAIL);
    expect(manager.body).not.toContain(PHONE);
    expect(manager.body).toMatch(/<form method="post" action="\/admin\/notifications\/\d+\/retry">/);
    expect(manager.body).toContain('name="_csrf"');

    const auditor = await t.app.inject({
      url: '/admin/notifications?status=failed&lang=en',
      headers: bearer(await t.tokenFor('demo.auditor')),
    });
    expect(auditor.statusCode).toBe(200);
    expect(auditor.body).toContain('Notifications to applicants');
    expect(auditor.body).not.toContain('/retry');

    const clerk = await t.app.inject({
      url: '/admin/notifications',
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    expect(clerk.statusCode).toBe(403);

    // The form requeues and redirects back.
    const failed = (await list('demo.admin', '?status=failed')).items[0]!;
    const posted = await t.app.inject({
      method: 'POST',
      url: `/admin/notifications/${failed.id}/retry`,
      headers: bearer(await t.tokenFor('demo.admin')),
      payload: {},
    });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toBe(`/admin/notifications?requeued=${failed.id}`);
    expect((await list('demo.admin')).items.find((i) => i.id === failed.id)).toMatchObject({
      status: 'queued',
    });
  });
});
