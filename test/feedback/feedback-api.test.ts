/**
 * PAKN over the JSON API on a real database: submission (validation problems, dossier link), the
 * staff lifecycle with roles and scope, audit + outbox rows in the same change, the submitter's
 * follow-up with the secret token, the public listing (published only, no personal data,
 * paginated) and the ratings (one per rater).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, feedbackItems, outbox } from '../../src/adapters/db/schema.ts';
import { intakeBody, LONG_SESSIONS, post, registerProcedure } from '../dossiers/builders.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let dossierCode = '';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS }); // Monday 09:00 in Vietnam
  await registerProcedure(t);
  const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
  expect(res.statusCode).toBe(201);
  dossierCode = (res.json() as { code: string }).code;
}, 60_000);
afterAll(async () => t.close());

const EMAIL = 'binh.tran@example.vn';
const PHONE = '0987 654 321';
const NAME = 'Trần Thị Bình';

function body(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'feedback',
    servicePointCode: 'H21.52',
    subject: 'Chờ quá lâu tại quầy',
    content: 'Tôi phải chờ hơn 2 giờ để nộp hồ sơ.',
    contact: { name: NAME, email: EMAIL, phone: PHONE },
    ...overrides,
  };
}

async function submit(overrides: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: body(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    reference: string;
    followUpToken: string;
    answerDueAt: string;
    servicePointCode: string;
  };
}

async function act(user: string, reference: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/feedback/${reference}/actions`,
    headers: bearer(await t.tokenFor(user)),
    payload,
  });
}

describe('POST /api/v1/feedback', () => {
  it('receives feedback: reference, secret token, answer due in 15 working days', async () => {
    const r = await submit();
    expect(r.reference).toMatch(/^PAKN-20260302-\d{4}$/);
    expect(r.followUpToken.length).toBeGreaterThanOrEqual(30);
    // Monday 2/3 09:00 + 15 working days = Monday 23/3 09:00 (three weekends skipped).
    expect(r.answerDueAt).toBe('2026-03-23T02:00:00.000Z');
    const [row] = await t.db.database.db
      .select()
      .from(feedbackItems)
      .where(eq(feedbackItems.reference, r.reference));
    expect(row?.followUpTokenHash).not.toContain(r.followUpToken);
    expect(row?.deadlineRules).toMatchObject({ answer: { value: 15, unit: 'working_days' } });
    const audit = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'feedback'), eq(auditEvents.entityId, r.reference)));
    expect(audit.map((a) => a.action)).toEqual(['feedback.received']);
    expect(JSON.stringify(audit[0]?.change)).not.toContain(EMAIL);
  });

  it('numbers the day’s items one after another', async () => {
    const a = await submit();
    const b = await submit();
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
  });

  it('answers every schema problem at once', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { kind: 'x' } });
    expect(res.statusCode).toBe(400);
    const p = res.json() as { code: string; invalidParams: { name: string }[] };
    expect(p.code).toBe('VALIDATION_FAILED');
    const names = p.invalidParams.map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining(['body/kind', 'body/subject', 'body/content', 'body/contact']),
    );
  });

  it('needs a way to answer, in the right format (vi and en messages)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: body({ contact: { name: NAME, email: 'not-an-email', phone: '12' } }),
    });
    expect(res.statusCode).toBe(400);
    const p = res.json() as { code: string; invalidParams: { name: string; code: string }[] };
    expect(p.invalidParams.map((i) => `${i.name}:${i.code}`)).toEqual([
      'body/contact/email:format',
      'body/contact/phone:format',
    ]);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback?lang=en',
      payload: body({ contact: { name: NAME } }),
    });
    expect(en.statusCode).toBe(400);
    expect((en.json() as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe(
      'body/contact/email',
    );
    expect((res.json() as { title: string }).title).toBe('Dữ liệu gửi lên không hợp lệ.');
    expect((en.json() as { title: string }).title).toBe('The request data is not valid.');
  });

  it('links to an existing dossier and takes its service point', async () => {
    const r = await submit({ servicePointCode: undefined, dossierCode });
    expect(r.servicePointCode).toBe('H21.52');
    const [row] = await t.db.database.db
      .select()
      .from(feedbackItems)
      .where(eq(feedbackItems.reference, r.reference));
    expect(row?.dossierCode).toBe(dossierCode);
    expect(row?.dossierAgencyCode).toBe('SO-TU-PHAP');
  });

  it('refuses an unknown dossier, a dossier of another service point, an unknown service point', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: body({ dossierCode: 'H21.52-260302-9999' }),
    });
    expect(unknown.statusCode).toBe(422);
    expect((unknown.json() as { code: string }).code).toBe('FEEDBACK_DOSSIER_NOT_FOUND');
    const mismatch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: body({ dossierCode, servicePointCode: 'H21.52.23776' }),
    });
    expect((mismatch.json() as { code: string }).code).toBe('FEEDBACK_SERVICE_POINT_MISMATCH');
    const sp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: body({ servicePointCode: 'NOWHERE' }),
    });
    expect(sp.statusCode).toBe(404);
    expect((sp.json() as { code: string }).code).toBe('SERVICE_POINT_NOT_FOUND');
  });
});

describe('lifecycle through the API', () => {
  it('received → assigned → answered → published, with audit and outbox in each change', async () => {
    const r = await submit();
    // The officer cannot see an item not assigned to the agency; the clerk at another counter neither.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/feedback/${r.reference}`,
          headers: bearer(await t.tokenFor('demo.officer')),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/feedback/${r.reference}`,
          headers: bearer(await t.tokenFor('demo.clerk.iakrai')),
        })
      ).statusCode,
    ).toBe(404);
    // The officer cannot triage; the clerk can.
    expect(
      (await act('demo.officer', r.reference, { action: 'assign', agencyCode: 'SO-TU-PHAP' })).statusCode,
    ).toBe(404);
    const assigned = await act('demo.clerk', r.reference, { action: 'assign', agencyCode: 'SO-TU-PHAP' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((assigned.json() as { status: string }).status).toBe('assigned');
    // The clerk cannot answer; the officer of the assigned agency can.
    expect((await act('demo.clerk', r.reference, { action: 'answer', answer: 'x' })).statusCode).toBe(403);
    expect((await act('demo.officer', r.reference, { action: 'answer' })).statusCode).toBe(400);
    t.clock.advance(2 * 86_400_000); // Wednesday
    const answered = await act('demo.officer', r.reference, {
      action: 'answer',
      answer: 'Trung tâm đã bổ sung 2 quầy vào giờ cao điểm.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const a = answered.json() as {
      status: string;
      answeredOnTime: boolean;
      steps: { publish: { dueAt: string } };
    };
    expect(a.status).toBe('answered');
    expect(a.answeredOnTime).toBe(true);
    expect(a.steps.publish.dueAt).toBe('2026-03-06T02:00:00.000Z'); // Wed 09:00 + 2 working days = Fri 09:00
    // Only the manager publishes.
    expect((await act('demo.officer', r.reference, { action: 'publish' })).statusCode).toBe(403);
    expect((await act('demo.clerk', r.reference, { action: 'publish' })).statusCode).toBe(403);
    const published = await act('demo.manager', r.reference, { action: 'publish' });
    expect(published.statusCode, published.body).toBe(200);
    expect((published.json() as { publishedOnTime: boolean }).publishedOnTime).toBe(true);
    // Once published nothing else: 409 with a stable code.
    const again = await act('demo.manager', r.reference, { action: 'publish' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { code: string }).code).toBe('FEEDBACK_TRANSITION_NOT_ALLOWED');

    const audit = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'feedback'), eq(auditEvents.entityId, r.reference)));
    expect(audit.map((e) => e.action)).toEqual([
      'feedback.received',
      'feedback.assign',
      'feedback.answer',
      'feedback.publish',
    ]);
    const messages = (
      await t.db.database.db.select().from(outbox).where(eq(outbox.topic, 'feedback.answered'))
    ).filter((m) => (m.payload as { reference: string }).reference === r.reference);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.payload).toMatchObject({ contact: { email: EMAIL }, answer: expect.any(String) });
    t.clock.set('2026-03-02T02:00:00Z');
  });

  it('asks for more once; the submitter answers with the token; the clock stopped meanwhile', async () => {
    const r = await submit();
    const asked = await act('demo.clerk', r.reference, { action: 'request_info', request: 'Quầy số mấy?' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((asked.json() as { steps: { answer: { dueAt: string | null } } }).steps.answer.dueAt).toBeNull();
    const info = await t.db.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.topic, 'feedback.info-requested'));
    expect(info.some((m) => (m.payload as { reference: string }).reference === r.reference)).toBe(true);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${r.reference}/follow-up`,
      payload: { token: 'x'.repeat(32), action: 'provide_info', info: 'Quầy 3' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((wrong.json() as { code: string }).code).toBe('FEEDBACK_TOKEN_INVALID');
    t.clock.set('2026-03-03T02:00:00Z'); // one working day later
    const given = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${r.reference}/follow-up`,
      payload: { token: r.followUpToken, action: 'provide_info', info: 'Quầy 3' },
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toEqual({ reference: r.reference, status: 'received' });
    const item = await t.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/${r.reference}`,
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    const v = item.json() as { steps: { answer: { dueAt: string } }; contact: { email: string } };
    // 23/3 09:00 moved by the one working day waited.
    expect(v.steps.answer.dueAt).toBe('2026-03-24T02:00:00.000Z');
    expect(v.contact.email).toBe(EMAIL);
    const twice = await act('demo.clerk', r.reference, { action: 'request_info', request: 'Lại nữa' });
    expect((twice.json() as { code: string }).code).toBe('FEEDBACK_INFO_ALREADY_REQUESTED');
    const reads = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'feedback.contact-read'), eq(auditEvents.entityId, r.reference)));
    expect(reads).toHaveLength(1);
    t.clock.set('2026-03-02T02:00:00Z');
  });

  it('rejects with a reason (told to the submitter); the submitter can withdraw another', async () => {
    const r = await submit();
    expect((await act('demo.clerk', r.reference, { action: 'reject' })).statusCode).toBe(400);
    const rejected = await act('demo.clerk', r.reference, {
      action: 'reject',
      reason: 'Không thuộc phạm vi',
    });
    expect(rejected.statusCode).toBe(200);
    expect((rejected.json() as { answeredOnTime: boolean }).answeredOnTime).toBe(true);
    const w = await submit();
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${w.reference}/follow-up`,
      payload: { token: w.followUpToken, action: 'withdraw' },
    });
    expect(withdrawn.json()).toEqual({ reference: w.reference, status: 'withdrawn' });
  });

  it('refuses a stale version and an unknown agency', async () => {
    const r = await submit();
    const stale = await act('demo.clerk', r.reference, {
      action: 'assign',
      agencyCode: 'SO-TU-PHAP',
      version: 7,
    });
    expect((stale.json() as { code: string }).code).toBe('FEEDBACK_VERSION_CONFLICT');
    const unknown = await act('demo.clerk', r.reference, { action: 'assign', agencyCode: 'NO-SUCH' });
    expect(unknown.statusCode).toBe(422);
    expect((unknown.json() as { code: string }).code).toBe('FEEDBACK_AGENCY_NOT_FOUND');
  });

  it('lists the queue within scope', async () => {
    const clerk = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feedback?status=received',
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    expect(clerk.statusCode).toBe(200);
    const list = clerk.json() as { total: number; items: { servicePointCode: string; contact?: unknown }[] };
    expect(list.total).toBeGreaterThan(0);
    for (const i of list.items) {
      expect(i.servicePointCode).toBe('H21.52');
      expect(i.contact).toBeUndefined();
    }
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feedback',
      headers: bearer(await t.tokenFor('demo.clerk.iakrai')),
    });
    expect((other.json() as { total: number }).total).toBe(0);
  });
});

describe('public answers and ratings', () => {
  let published = '';
  let before = 0;
  beforeAll(async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback?servicePoint=H21.52' });
    before = (res.json() as { total: number }).total; // published by the lifecycle tests above
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await submit({ subject: `Câu hỏi ${i}` });
      await act('demo.clerk', r.reference, { action: 'assign', agencyCode: 'SO-TU-PHAP' });
      await act('demo.officer', r.reference, { action: 'answer', answer: `Trả lời ${i}` });
      await act('demo.manager', r.reference, { action: 'publish' });
      made.push(r.reference);
    }
    published = made[0]!;
    // An answered but unpublished item must not appear.
    const hidden = await submit({ subject: 'Chưa công khai' });
    await act('demo.clerk', hidden.reference, { action: 'assign', agencyCode: 'SO-TU-PHAP' });
    await act('demo.officer', hidden.reference, { action: 'answer', answer: 'Bí mật' });
  });

  it('shows published answers only, paginated, without personal data', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/feedback?servicePoint=H21.52&pageSize=2',
    });
    expect(res.statusCode).toBe(200);
    const p = res.json() as { total: number; items: { subject: string }[] };
    expect(p.total).toBe(before + 3);
    expect(p.items).toHaveLength(2);
    const page2 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/feedback?servicePoint=H21.52&pageSize=2&page=2',
    });
    expect((page2.json() as { items: unknown[] }).items).toHaveLength(before + 3 - 2);
    // Newest publication first: the lifecycle test published on Wednesday, these on Monday.
    expect(p.items.map((i) => i.subject)).toEqual(['Chờ quá lâu tại quầy', 'Câu hỏi 2']);
    for (const text of [res.body, page2.body]) {
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(NAME);
      expect(text).not.toContain('987');
      expect(text).not.toContain('Chưa công khai');
      expect(text).not.toContain('demo.officer');
      expect(text).not.toMatch(/contact|token|answeredBy/i);
    }
  });

  it('needs a service point', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('keeps one rating per rater: a second replaces the first', async () => {
    const rate = (raterToken: string, rating: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/feedback/${published}/ratings`,
        payload: { raterToken, rating },
      });
    expect((await rate('rater-one-0123456789', 'satisfied')).json()).toMatchObject({ replaced: false });
    expect((await rate('rater-one-0123456789', 'unsatisfied')).json()).toMatchObject({ replaced: true });
    await rate('rater-two-0123456789', 'satisfied');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/feedback?servicePoint=H21.52&pageSize=50',
    });
    const item = (
      list.json() as { items: { reference: string; ratings: Record<string, number> }[] }
    ).items.find((i) => i.reference === published);
    expect(item?.ratings).toEqual({ satisfied: 1, neutral: 0, unsatisfied: 1 });
    const bad = await rate('rater-one-0123456789', 'great');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses to rate an answer that is not published', async () => {
    const r = await submit();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/feedback/${r.reference}/ratings`,
      payload: { raterToken: 'rater-one-0123456789', rating: 'satisfied' },
    });
    expect(res.statusCode).toBe(404);
    expect((res.json() as { code: string }).code).toBe('FEEDBACK_NOT_PUBLISHED');
  });
});
