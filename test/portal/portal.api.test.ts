/**
 * The citizen portal API and pages on a real app (both engines): the limited public view (no
 * personal data), no oracle between a wrong code and wrong phone digits, the QR token path, rate
 * limits per IP and per code, and the satisfaction rating — once per dossier, even when two arrive
 * together — with its audit event and outbox row; the counter kiosk.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dossierRatings, dossiers, outbox } from '../../src/adapters/db/schema.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  dossierIn,
  intakeBody,
  LONG_SESSIONS,
  PATH_TO,
  PERSON,
  post,
  act,
  registerProcedure,
} from '../dossiers/builders.ts';

let t: TestApp;
const PHONE4 = '5678'; // PERSON.phone = '0912 345 678'
const lookup = (code: string, query: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?${query}` });
const rate = (code: string, payload: Record<string, unknown>, app: TestApp = t) =>
  app.app.inject({
    method: 'POST',
    url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/rating`,
    payload,
  });

/** Receives a dossier at the counter and returns its code and the lookup token intake answered. */
async function received(app: TestApp = t): Promise<{ code: string; token: string }> {
  const res = await post(app, 'demo.clerk', '/api/v1/dossiers', intakeBody());
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { code: string; lookupToken: string };
  return { code: body.code, token: body.lookupToken };
}

/** Everything personal about the applicant, in the forms it could leak. */
const PERSONAL = [
  PERSON.fullName,
  PERSON.kind === 'person' ? PERSON.idNumber : '',
  '0912',
  '345 678',
  'Trần Hưng Đạo',
  'an@example.vn',
];

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
});
afterAll(async () => t?.close());

describe('public lookup', () => {
  it('answers a limited view for code + last four phone digits, with no personal data', async () => {
    const { code } = await received();
    const res = await lookup(code, `phone4=${PHONE4}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      code,
      status: 'received',
      statusLabel: { vi: 'Đã tiếp nhận', en: 'Received' },
      procedure: { code: '1.900001.MC' },
      servicePoint: { code: 'H21.52' },
      supplement: null,
      result: null,
      rating: { open: false, given: false },
    });
    expect(view.appointment.dueAt).toBe('2026-03-09T02:00:00.000Z'); // 5 working days: Monday 09/03 09:00
    expect(view.timeline.map((s: { type: string }) => s.type)).toEqual(['dossier.received']);
    expect(Object.keys(view).sort()).toEqual(
      [
        'code',
        'procedure',
        'status',
        'statusLabel',
        'servicePoint',
        'submittedAt',
        'receivedAt',
        'appointment',
        'timeline',
        'supplement',
        'apologies',
        'result',
        'returnedAt',
        'closing',
        'rating',
      ].sort(),
    );
    for (const p of PERSONAL) expect(res.body).not.toContain(p);
  });

  it('gives the same answer for an unknown code, wrong digits and a wrong token (no oracle)', async () => {
    const { code } = await received();
    const unknown = 'H21.52-260302-0999';
    const answers = [
      await lookup(code, 'phone4=0000'),
      await lookup(unknown, `phone4=${PHONE4}`),
      await lookup(code, `token=${'A'.repeat(24)}`),
      await lookup(unknown, `token=${'A'.repeat(24)}`),
    ];
    const strip = (body: string) => {
      const { instance: _instance, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(strip(a.body)).toEqual(strip(answers[0]!.body));
    }
    expect(strip(answers[0]!.body)).toMatchObject({ code: 'PORTAL_LOOKUP_FAILED', status: 404 });
  });

  it('opens with the token intake handed out, and only for its own dossier', async () => {
    const a = await received();
    const b = await received();
    const ok = await lookup(a.code, `token=${a.token}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().code).toBe(a.code);
    expect((await lookup(b.code, `token=${a.token}`)).statusCode).toBe(404);
  });

  it('refuses a request with both credentials or none, and malformed digits (VALIDATION_FAILED)', async () => {
    const { code, token } = await received();
    for (const query of ['', `phone4=${PHONE4}&token=${token}`, 'phone4=12a4', 'phone4=12345']) {
      const res = await lookup(code, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('shows an open supplement request with what to bring and where', async () => {
    const code = await dossierIn(t, 'supplement_requested');
    const view = (await lookup(code, `phone4=${PHONE4}`)).json();
    expect(view.status).toBe('supplement_requested');
    expect(view.supplement).toMatchObject({
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu'],
      bringTo: { name: expect.any(String), address: expect.any(String) },
    });
    expect(view.timeline.map((s: { type: string }) => s.type)).toContain('dossier.supplement-requested');
  });

  it('shows the apology and the new date', async () => {
    const code = await dossierIn(t, 'in_progress');
    await act(t, 'demo.officer', code, {
      action: 'apologize',
      reason: 'Cần xác minh thêm',
      newDueAt: '2026-03-20T10:00:00.000Z',
    });
    const view = (await lookup(code, `phone4=${PHONE4}`)).json();
    expect(view.apologies).toEqual([
      expect.objectContaining({ reason: 'Cần xác minh thêm', newDueAt: '2026-03-20T10:00:00.000Z' }),
    ]);
    expect(view.appointment.dueAt).toBe('2026-03-20T10:00:00.000Z');
  });

  it('says where to collect a returned result and invites a rating', async () => {
    const code = await dossierIn(t, 'returned');
    const view = (await lookup(code, `phone4=${PHONE4}`)).json();
    expect(view.result).toMatchObject({
      method: 'counter',
      collectAt: { name: expect.any(String) },
      postal: [],
    });
    expect(view.rating).toEqual({ open: true, given: false });
    for (const p of PERSONAL) expect(JSON.stringify(view)).not.toContain(p);
  });
});

describe('result by post', () => {
  it('shows the tracking number and state of the delivery item, and not the delivery address', async () => {
    const street = '45 Nguyễn Huệ, phường Quy Nhơn, Gia Lai';
    const res = await post(
      t,
      'demo.clerk',
      '/api/v1/dossiers',
      intakeBody({ returnMethod: 'postal', deliveryAddress: street }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json() as { code: string };
    await act(t, 'demo.clerk', code, { action: 'forward' });
    await act(t, 'demo.officer', code, { action: 'complete', result: { kind: 'paper', number: 'LLTP-9' } });
    const request = await post(t, 'demo.clerk', '/api/v1/postal/requests', {
      dossierCode: code,
      delivery: { address: { communeCode: '21583', street: '45 Nguyễn Huệ' } },
    });
    expect(request.statusCode, request.body).toBe(201);
    const view = await lookup(code, `phone4=${PHONE4}`);
    expect(view.statusCode, view.body).toBe(200);
    const result = view.json().result;
    expect(result).toMatchObject({ method: 'postal', collectAt: null });
    expect(result.postal).toHaveLength(1);
    expect(result.postal[0]).toMatchObject({
      leg: 'delivery',
      trackingNumber: expect.stringMatching(/^[A-Z]{2}\d{9}VN$/),
      statusLabel: { vi: expect.any(String), en: expect.any(String) },
    });
    expect(view.body).not.toContain('Nguyễn Huệ');
  });
});

describe('rating', () => {
  it('is refused before the result is returned (RATING_NOT_YET)', async () => {
    const code = await dossierIn(t, 'result_ready');
    const res = await rate(code, { rating: 'satisfied', phone4: PHONE4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('RATING_NOT_YET');
  });

  it('is given once, by link, with an NFC comment, an audit event and an outbox row', async () => {
    const code = await dossierIn(t, 'returned');
    const nfd = 'Nhân viên nhiệt tình'.normalize('NFD');
    const res = await rate(code, { rating: 'very_satisfied', phone4: PHONE4, comment: `  ${nfd}  ` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code, rating: 'very_satisfied', channel: 'link' });
    const again = await rate(code, { rating: 'not_satisfied', phone4: PHONE4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RATING_ALREADY_GIVEN');

    const db = t.db.database.db;
    const [d] = await db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.code, code));
    const rows = await db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, d!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rating: 'very_satisfied',
      channel: 'link',
      servicePointCode: 'H21.52',
      comment: 'Nhân viên nhiệt tình'.normalize('NFC'),
    });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), eq(auditEvents.action, 'dossier.rated')));
    expect(audit).toHaveLength(1);
    const messages = (await db.select().from(outbox).where(eq(outbox.topic, 'dossier.rated'))).filter(
      (m) => (m.payload as { code: string }).code === code,
    );
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.payload)).not.toContain('nhiệt tình');
    expect((await lookup(code, `phone4=${PHONE4}`)).json().rating).toEqual({ open: false, given: true });
  });

  it('lets exactly one of two concurrent ratings win', async () => {
    const code = await dossierIn(t, 'returned');
    const answers = await Promise.all([
      rate(code, { rating: 'satisfied', phone4: PHONE4 }),
      rate(code, { rating: 'not_satisfied', phone4: PHONE4 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('RATING_ALREADY_GIVEN');
    const [d] = await t.db.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.code, code));
    expect(
      await t.db.database.db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, d!.id)),
    ).toHaveLength(1);
  });

  it('takes the QR token (channel qr), and refuses wrong digits, a long comment and an unknown rating', async () => {
    const res = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    const { code, lookupToken } = res.json() as { code: string; lookupToken: string };
    for (const step of PATH_TO.returned) await act(t, step.user, code, step.body);
    expect((await rate(code, { rating: 'satisfied', phone4: '1111' })).json().code).toBe(
      'PORTAL_LOOKUP_FAILED',
    );
    const long = await rate(code, { rating: 'satisfied', token: lookupToken, comment: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().invalidParams[0].name).toBe('body/comment');
    expect((await rate(code, { rating: 'meh', token: lookupToken })).statusCode).toBe(400);
    const ok = await rate(code, { rating: 'satisfied', token: lookupToken });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().channel).toBe('qr');
  });
});

describe('rate limits', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({
      now: '2026-03-02T02:00:00Z',
      config: { ...LONG_SESSIONS, rateLimitLookupPerCode: 3, rateLimitPublicPerMinute: 12 },
    });
    await registerProcedure(small);
  });
  afterAll(async () => small?.close());
  const get = (url: string) => small.app.inject({ method: 'GET', url });

  it('stops phone-digit guessing on one code, while its QR token still opens it, then limits the IP', async () => {
    const { code, token } = await received(small);
    for (const guess of ['0001', '0002', '0003'])
      expect((await get(`/api/v1/public/dossiers/${code}?phone4=${guess}`)).statusCode).toBe(404);
    const blocked = await get(`/api/v1/public/dossiers/${code}?phone4=${PHONE4}`);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(`/api/v1/public/dossiers/${code}?token=${token}`)).statusCode).toBe(200);
    // 5 lookups so far from this IP (the refused one counts too); 7 more are allowed, the 13th is not.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await get(`/api/v1/public/dossiers/${code}?token=${token}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
  });
});

describe('pages', () => {
  it('keeps what was typed and lists the errors at the top', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/tra-cuu' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/tra-cuu',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${csrf}&code=H21.52-260302-0001&phone4=12`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#phone4"');
    expect(res.body).toContain('value="H21.52-260302-0001"');
    expect(res.body).toContain('value="12"');
    expect(res.body).toContain('<title>Lỗi: ');
  });

  it('opens the QR landing page without personal data, and refuses a wrong token', async () => {
    const { code, token } = await received();
    const res = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?token=${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(code);
    for (const p of PERSONAL) expect(res.body).not.toContain(p);
    const wrong = await t.app.inject({ method: 'GET', url: `/tra-cuu/${code}?token=${'B'.repeat(24)}` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('error-summary');
  });
});

describe('kiosk', () => {
  const form = async (user: string, url: string, payload: string) => {
    const token = await t.tokenFor(user);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });
  };

  it('lets the clerk of the service point pick a returned dossier and records channel kiosk', async () => {
    const code = await dossierIn(t, 'returned');
    const waiting = await t.app.inject({
      method: 'GET',
      url: '/kiosk/danh-gia',
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).not.toContain('demo.clerk'); // no staff navigation on the tablet
    const chosen = await form('demo.clerk', '/kiosk/danh-gia', `code=${code.toLowerCase()}`);
    expect(chosen.statusCode, chosen.body).toBe(303);
    expect(chosen.headers.location).toBe(`/kiosk/danh-gia/${code}`);
    const picked = await t.app.inject({
      method: 'GET',
      url: `/kiosk/danh-gia/${code}`,
      headers: bearer(await t.tokenFor('demo.clerk')),
    });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.body).not.toContain('<nav');
    expect(picked.body).toContain('value="very_satisfied"');
    for (const p of PERSONAL) expect(picked.body).not.toContain(p);
    const other = await form('demo.clerk.iakrai', '/kiosk/danh-gia', `code=${code}`);
    expect(other.statusCode).toBe(404); // another service point's dossier: not found, as for reads
    const tapped = await form('demo.clerk', `/kiosk/danh-gia/${code}`, 'rating=satisfied');
    expect(tapped.statusCode).toBe(303);
    expect(tapped.headers.location).toBe('/kiosk/danh-gia?done=1');
    const [d] = await t.db.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.code, code));
    const [row] = await t.db.database.db
      .select()
      .from(dossierRatings)
      .where(eq(dossierRatings.dossierId, d!.id));
    expect(row).toMatchObject({ channel: 'kiosk', rating: 'satisfied' });
    const twice = await form('demo.clerk', '/kiosk/danh-gia', `code=${code}`);
    expect(twice.statusCode).toBe(409);
  });

  it('is for clerks only', async () => {
    for (const user of ['demo.officer', 'demo.manager']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/kiosk/danh-gia',
        headers: bearer(await t.tokenFor(user)),
      });
      expect(res.statusCode).toBe(403);
    }
  });
});
