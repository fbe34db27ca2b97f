/**
 * Intake over HTTP: receive at the counter, online/postal submissions, guidance (422, recorded, no
 * code used), refusal, the 9,999 ceiling, and what is written in the same transaction (events,
 * audit, outbox) — and the audit of personal-data reads.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  dossierCodeSequences,
  dossierEvents,
  dossierIntakeRecords,
  dossiers,
  outbox,
} from '../../src/adapters/db/schema.ts';
import { lastSequence } from '../../src/modules/dossiers/dossiers.repository.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  get,
  intakeBody,
  LONG_SESSIONS,
  PROCEDURE_CODE,
  ORGANISATION,
  post,
  procedureVersion,
  receiveAtCounter,
  registerProcedure,
  SERVICE_POINT,
} from './builders.ts';

let t: TestApp;
let procedureId: string;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS }); // Monday 09:00 in Vietnam
  procedureId = await registerProcedure(t);
  await registerProcedure(
    t,
    procedureVersion({
      code: '1.900002.MC',
      name: 'Chứng thực bản sao',
      onlineLevel: 'none',
      fees: [],
      feesBlockReturn: false,
    }),
  );
});
afterAll(async () => t.close());

const db = () => t.db.database.db;

describe('receive at the counter', () => {
  it('gives code 0001 of the day, received status, appointment and version 1', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      code: 'H21.52-260302-0001',
      status: 'received',
      receivedAt: '2026-03-02T02:00:00.000Z',
      dueAt: '2026-03-09T02:00:00.000Z', // 5 working days: next Monday 09:00
      version: 1,
    });
    expect(body.lookupToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [row] = await db().select().from(dossiers).where(eq(dossiers.code, body.code));
    expect(row).toMatchObject({
      procedureCode: PROCEDURE_CODE,
      procedureVersion: 1,
      procedureVersionId: procedureId,
      servicePointCode: 'H21.52',
      agencyCode: 'SO-TU-PHAP',
      unitCode: '52',
      channel: 'counter',
      phoneLast4: '5678',
      codeOn: '2026-03-02',
      receivedOn: '2026-03-02',
    });
    expect(row!.lookupTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.lookupTokenHash).not.toContain(body.lookupToken);
    // The calendar module's data: the shipped official years as stored revision 1, default schedule.
    expect(row!.calendarRule).toMatchObject({
      ruleVersion: 'cal:2024r1+2025r1+2026r1,sched:default',
      scheduleId: 'default',
    });
    expect(
      (row!.calendarRule as { years: { year: number; revision: number; sha256: string }[] }).years,
    ).toContainEqual({
      year: 2026,
      revision: 1,
      status: 'official',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('writes the event, the audit entry and the outbox message (contact only) with the dossier', async () => {
    const code = await receiveAtCounter(t);
    const [d] = await db().select().from(dossiers).where(eq(dossiers.code, code));
    const events = await db().select().from(dossierEvents).where(eq(dossierEvents.dossierId, d!.id));
    expect(events.map((e) => e.type)).toEqual(['dossier.received']);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), eq(auditEvents.action, 'dossier.received')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.change)).not.toContain('064095000123');
    const messages = await db()
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'code' = ${code}`);
    expect(messages.map((m) => m.topic)).toEqual(['dossier.received']);
    expect(messages[0]!.payload).toMatchObject({
      code,
      contact: { phone: '0912 345 678', email: 'an@example.vn' },
      dueAt: expect.any(String),
    });
    const payload = JSON.stringify(messages[0]!.payload);
    expect(payload).not.toContain('064095000123');
    expect(payload).not.toContain('Trần Hưng Đạo');
  });

  it('accepts an organisation with a 13-character tax code', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody({ applicant: ORGANISATION }));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('rejects an invalid citizen ID, a person without one, and a postal return without address', async () => {
    const bad = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ applicant: { ...(intakeBody().applicant as object), idNumber: '099095000123' } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ name: 'body/applicant/idNumber', code: 'DOSSIER_APPLICANT_INVALID' }],
    });
    const { idNumber: _omit, ...noId } = intakeBody().applicant as Record<string, unknown>;
    const none = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody({ applicant: noId }));
    expect(none.json().invalidParams[0].name).toBe('body/applicant/idNumber');
    const postal = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody({ returnMethod: 'postal' }));
    expect(postal.json().invalidParams[0].name).toBe('body/deliveryAddress');
  });

  it('refuses a procedure that is not in force, not offered online, or a document index it does not have', async () => {
    const unknown = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ procedureCode: '9.999999' }),
    );
    expect(unknown.json()).toMatchObject({ status: 422, code: 'DOSSIER_PROCEDURE_NOT_IN_FORCE' });
    const online = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ procedureCode: '1.900002.MC', channel: 'online' }),
    );
    expect(online.json()).toMatchObject({ status: 422, code: 'DOSSIER_CHANNEL_NOT_OFFERED' });
    const index = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ documents: [{ index: 9, form: 'original', count: 1 }] }),
    );
    expect(index.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ name: 'body/documents/0/index' }],
    });
  });

  it('only a clerk of that service point may receive there', async () => {
    const other = await post(t, 'demo.clerk.iakrai', '/api/v1/dossiers', intakeBody());
    expect(other.statusCode).toBe(403);
    const officer = await post(t, 'demo.officer', '/api/v1/dossiers', intakeBody());
    expect(officer.statusCode).toBe(403);
  });
});

describe('online and postal submissions', () => {
  it('wait as submitted with a code and no due until a clerk receives them', async () => {
    t.clock.set('2026-03-02T13:00:00Z'); // Monday 20:00: after hours
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ channel: 'online', returnMethod: 'online' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'submitted', dueAt: null, receivedAt: null, version: 1 });
    expect(body.code).toMatch(/^H21\.52-260302-\d{4}$/);
    t.clock.set('2026-03-03T01:00:00Z'); // Tuesday 08:00
    const received = await post(t, 'demo.clerk', `/api/v1/dossiers/${body.code}/actions`, {
      action: 'receive',
      version: 1,
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({
      status: 'received',
      version: 2,
      dueAt: '2026-03-10T01:00:00.000Z',
    });
    const postal = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ channel: 'postal', returnMethod: 'postal', deliveryAddress: '5 Nguyễn Huệ, Quy Nhơn' }),
    );
    expect(postal.json()).toMatchObject({
      status: 'submitted',
      code: expect.stringMatching(/^H21\.52-260303-0001$/),
    });
    t.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('guidance (incomplete dossier)', () => {
  it('answers 422 with the missing items, records the guidance and uses no code', async () => {
    t.clock.set('2026-03-04T02:00:00Z'); // a fresh day for the sequence
    const before = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(dossierIntakeRecords);
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ documents: [{ index: 1, form: 'copy', count: 1 }] }),
    );
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem).toMatchObject({
      code: 'DOSSIER_INCOMPLETE',
      details: { formNo: '02', guidanceId: expect.any(String) },
    });
    expect(
      problem.details.missing.map((m: { index: number; problem: string }) => [m.index, m.problem]),
    ).toEqual([
      [1, 'form'],
      [2, 'absent'],
    ]);
    const after = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(dossierIntakeRecords);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const [record] = await db()
      .select()
      .from(dossierIntakeRecords)
      .where(eq(dossierIntakeRecords.id, problem.details.guidanceId));
    expect(record).toMatchObject({
      kind: 'guided',
      servicePointCode: SERVICE_POINT,
      procedureCode: PROCEDURE_CODE,
    });
    expect(await lastSequence(db(), SERVICE_POINT, '2026-03-04')).toBe(0);
    // The next complete dossier of the day still gets 0001.
    expect(await receiveAtCounter(t)).toBe('H21.52-260304-0001');
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, problem.details.guidanceId));
    expect(audit.map((a) => a.action)).toEqual(['dossier.intake-guided']);
    t.clock.set('2026-03-02T02:00:00Z');
  });

  it('records a refusal (Mẫu 03) with its reason and no code', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/intake-refusals', {
      procedureCode: PROCEDURE_CODE,
      servicePointCode: SERVICE_POINT,
      channel: 'counter',
      applicant: intakeBody().applicant,
      reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'refused', formNo: '03' });
    const [record] = await db()
      .select()
      .from(dossierIntakeRecords)
      .where(eq(dossierIntakeRecords.id, res.json().id));
    expect(record).toMatchObject({
      kind: 'refused',
      reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp',
    });
  });
});

describe('the 9,999 ceiling', () => {
  it('refuses the 10,000th code of a day and gives the number back', async () => {
    t.clock.set('2026-03-05T02:00:00Z');
    await db()
      .insert(dossierCodeSequences)
      .values({ servicePointCode: SERVICE_POINT, localDate: '2026-03-05', lastNumber: 9_998 });
    expect(await receiveAtCounter(t)).toBe('H21.52-260305-9999');
    const count = async () =>
      (
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(dossiers)
      )[0]!.n;
    const before = await count();
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DOSSIER_CODE_SEQUENCE_EXHAUSTED', details: { max: 9999 } });
    expect(await lastSequence(db(), SERVICE_POINT, '2026-03-05')).toBe(9_999);
    expect(await count()).toBe(before);
    // Another service point, or the next day, is not affected.
    t.clock.set('2026-03-06T02:00:00Z');
    expect(await receiveAtCounter(t)).toBe('H21.52-260306-0001');
    t.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('reading a dossier', () => {
  it('returns everything and audits the read of personal data', async () => {
    const code = await receiveAtCounter(t);
    const res = await get(t, 'demo.clerk', `/api/v1/dossiers/${code}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      status: 'received',
      applicant: { idNumber: '064095000123', phone: '0912 345 678' },
      timeliness: { state: 'open', bucket: 'not_yet_due', late: false },
      events: [{ type: 'dossier.received' }],
      fees: [{ seq: 1, amountVnd: 200_000, paid: false }],
      handovers: [],
      suspensions: [],
      formSet: 'ND118/2025',
    });
    const reads = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), eq(auditEvents.action, 'personal-data.read')));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorLabel: 'demo.clerk' });
  });

  it('a clerk of another service point gets 404 as for an unknown code (no existence oracle)', async () => {
    const code = await receiveAtCounter(t);
    expect((await get(t, 'demo.clerk.iakrai', `/api/v1/dossiers/${code}`)).statusCode).toBe(404);
    expect((await get(t, 'demo.officer', `/api/v1/dossiers/${code}`)).statusCode).toBe(200); // SO-TU-PHAP
    expect((await get(t, 'demo.clerk', '/api/v1/dossiers/H21.52-260302-9998')).json()).toMatchObject({
      code: 'DOSSIER_NOT_FOUND',
    });
  });

  it('lists within scope with filters and pages, without personal data beyond the name', async () => {
    const clerk = await get(t, 'demo.clerk', '/api/v1/dossiers?pageSize=2');
    expect(clerk.statusCode, clerk.body).toBe(200);
    const body = clerk.json();
    expect(body.total).toBeGreaterThan(3);
    expect(body.items).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain('064095000123');
    expect((await get(t, 'demo.clerk.iakrai', '/api/v1/dossiers')).json().total).toBe(0);
    const submitted = (await get(t, 'demo.manager', '/api/v1/dossiers?status=submitted&pageSize=100')).json();
    expect(submitted.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
    expect(submitted.total).toBe(1);
    const byDay = (await get(t, 'demo.manager', '/api/v1/dossiers?from=2026-03-05&to=2026-03-05')).json();
    expect(byDay.total).toBe(1);
    const online = (await get(t, 'demo.manager', '/api/v1/dossiers?channel=postal')).json();
    expect(online.items.map((i: { channel: string }) => i.channel)).toEqual(['postal']);
  });
});
