/**
 * Citizen identification (one-time code; OpenID Connect against a real oidc-provider on loopback)
 * and online submission over the API, on a real database.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { dossierFiles, dossiers, notificationMessages, outbox } from '../../src/adapters/db/schema.ts';
import { citizenOidcLogins } from '../../src/modules/identity/identity.tables.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  startOidcProvider,
  TEST_CITIZEN,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestOidcProvider,
} from '../identity/oidc-provider.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
/** Online level `full`, commune level, two mandatory documents (demo catalog). */
const ONLINE = '2.000950';
/** Online level `none` in the demo catalog. */
const NOT_ONLINE = '1.001193';
const COMMUNE_POINT = 'H21.52.23776';
const REDIRECT = 'http://127.0.0.1:9/dinh-danh/oidc/callback';

let t: TestApp;
let provider: TestOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider([REDIRECT]);
  t = await createTestApp({
    config: {
      publicBaseUrl: 'http://127.0.0.1:9',
      citizen: {
        otpTtlMinutes: 10,
        otpMaxAttempts: 5,
        otpMaxPerHour: 5,
        sessionMinutes: 60,
        oidc: {
          issuer: provider.issuer,
          clientId: TEST_CLIENT_ID,
          clientSecret: TEST_CLIENT_SECRET,
          scope: 'openid profile',
          citizenIdClaim: 'citizen_id',
          allowHttp: true,
        },
      },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** The 6-digit code of the latest one-time-code message to `recipient` (as the dispatcher would send it). */
async function lastCode(recipient: string): Promise<string> {
  const [row] = await t.db.database.db
    .select()
    .from(notificationMessages)
    .where(
      and(eq(notificationMessages.recipient, recipient), eq(notificationMessages.template, 'one-time-code')),
    )
    .orderBy(desc(notificationMessages.id))
    .limit(1);
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  if (!code) throw new Error('no code message');
  return code;
}

async function requestOtp(recipient: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/public/identity/otp', payload: { recipient } });
}

async function identify(recipient: string): Promise<string> {
  const sent = await requestOtp(recipient);
  expect(sent.statusCode, sent.body).toBe(202);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/identity/otp/verify',
    payload: { challengeId: sent.json().challengeId, code: await lastCode(recipient) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

const applicant = {
  fullName: 'Trần Văn Bình',
  idNumber: '064095001234',
  phone: '0912 345 678',
  email: 'binh@example.vn',
  address: 'thôn 1, xã Ia Krái, Gia Lai',
};

function submission(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: ONLINE,
    servicePointCode: COMMUNE_POINT,
    applicant,
    returnMethod: 'counter',
    files: [
      { documentIndex: 1, fileName: 'de-nghi.pdf', contentBase64: PDF.toString('base64') },
      { documentIndex: 2, fileName: 'bien-ban.png', contentBase64: PNG.toString('base64') },
    ],
    ...overrides,
  };
}

describe('one-time code', () => {
  it('sends a 6-digit code by e-mail through the notifications queue, hashed at rest', async () => {
    const res = await requestOtp('Hoa.Nguyen@Example.vn');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ channel: 'email', sentTo: 'h***@example.vn' });
    const code = await lastCode('hoa.nguyen@example.vn');
    expect(code).toMatch(/^\d{6}$/);
    const stored = await t.db.database.db.execute(
      `select code_hash from citizen_otp_challenge where id = '${res.json().challengeId as string}'`,
    );
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('sends by SMS to a phone number', async () => {
    const res = await requestOtp('0987 654 321');
    expect(res.json()).toMatchObject({ channel: 'sms', sentTo: '09******21' });
    expect(await lastCode('+84987654321')).toMatch(/^\d{6}$/);
  });

  it('refuses what is neither an e-mail nor a phone number', async () => {
    const res = await requestOtp('not a contact');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('counts wrong codes, then locks the challenge even for the right code', async () => {
    const sent = (await requestOtp('lock@example.vn')).json();
    const code = await lastCode('lock@example.vn');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/identity/otp/verify',
        payload: { challengeId: sent.challengeId, code: wrong },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'IDENTITY_OTP_INVALID', details: { attemptsLeft: left } });
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/identity/otp/verify',
      payload: { challengeId: sent.challengeId, code: wrong },
    });
    expect(fifth.json().code).toBe('IDENTITY_OTP_LOCKED');
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/identity/otp/verify',
      payload: { challengeId: sent.challengeId, code },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('IDENTITY_OTP_LOCKED');
  });

  it('expires after 10 minutes, and a code works once', async () => {
    const sent = (await requestOtp('late@example.vn')).json();
    const code = await lastCode('late@example.vn');
    t.clock.advance(10 * 60_000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/identity/otp/verify',
      payload: { challengeId: sent.challengeId, code },
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('IDENTITY_OTP_EXPIRED');

    const again = (await requestOtp('late@example.vn')).json();
    const code2 = await lastCode('late@example.vn');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/identity/otp/verify',
      payload: { challengeId: again.challengeId, code: code2 },
    });
    expect(ok.statusCode).toBe(200);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/identity/otp/verify',
      payload: { challengeId: again.challengeId, code: code2 },
    });
    expect(reuse.json().code).toBe('IDENTITY_OTP_EXPIRED');
  });

  it('limits codes per recipient per hour', async () => {
    for (let i = 0; i < 5; i++) expect((await requestOtp('busy@example.vn')).statusCode).toBe(202);
    const sixth = await requestOtp('busy@example.vn');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('RATE_LIMITED');
    t.clock.advance(61 * 60_000);
    expect((await requestOtp('busy@example.vn')).statusCode).toBe(202);
  });
});

describe('online submission', () => {
  it('requires identification', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      payload: submission(),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('IDENTITY_REQUIRED');
    const bogus = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers: { 'x-citizen-token': 'x'.repeat(43) },
      payload: submission(),
    });
    expect(bogus.statusCode).toBe(401);
  });

  it('refuses a procedure that is not offered online', async () => {
    const token = await identify('none@example.vn');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers: { 'x-citizen-token': token },
      payload: submission({ procedureCode: NOT_ONLINE }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('SUBMISSION_NOT_ONLINE');
    const pageRes = await t.app.inject({ url: `/nop-truc-tuyen/${NOT_ONLINE}` });
    expect(pageRes.statusCode).toBe(422);
    expect(pageRes.body).toContain('không nộp trực tuyến được');
  });

  it('refuses missing mandatory documents and files that are not PDF, JPEG or PNG', async () => {
    const token = await identify('missing@example.vn');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers: { 'x-citizen-token': token },
      payload: submission({ files: [submission().files[0]] }),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'SUBMISSION_INCOMPLETE' });
    expect(missing.json().details.missing.map((m: { index: number }) => m.index)).toEqual([2]);
    const html = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers: { 'x-citizen-token': token },
      payload: submission({
        files: [
          submission().files[0],
          { documentIndex: 2, fileName: 'x.pdf', contentBase64: Buffer.from('<html>').toString('base64') },
        ],
      }),
    });
    expect(html.statusCode).toBe(415);
    expect(html.json().code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
  });

  it('creates a submitted online dossier with its files, audit and outbox row; Idempotency-Key replays', async () => {
    const token = await identify('binh@example.vn');
    const headers = { 'x-citizen-token': token, 'idempotency-key': 'nop-1' };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers,
      payload: submission(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'submitted' });
    expect(body.code).toMatch(/^H21\.52\.23776-\d{6}-\d{4}$/);

    const [d] = await t.db.database.db.select().from(dossiers).where(eq(dossiers.code, body.code));
    expect(d).toMatchObject({ status: 'submitted', channel: 'online' });
    const files = await t.db.database.db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, d!.id));
    expect(files.map((f) => f.documentIndex).sort()).toEqual([1, 2]);
    const rows = await t.db.database.db.select().from(outbox).where(eq(outbox.topic, 'dossier.submitted'));
    expect(rows.some((r) => (r.payload as { code: string }).code === body.code)).toBe(true);

    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers,
      payload: submission(),
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.json().code).toBe(body.code);
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      headers,
      payload: submission({ returnMethod: 'postal', deliveryAddress: 'x' }),
    });
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('OpenID Connect login (real provider on loopback)', () => {
  /** Follows the provider's redirects (login answered by the test provider) to our callback. */
  async function atProvider(url: string): Promise<URL> {
    const jar = new Map<string, string>();
    let next = url;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of res.headers.getSetCookie()) {
        const [kv] = c.split(';');
        const eqAt = kv!.indexOf('=');
        jar.set(kv!.slice(0, eqAt), kv!.slice(eqAt + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`provider stopped at ${res.status}`);
      next = new URL(location, next).href;
      if (next.startsWith(REDIRECT)) return new URL(next);
    }
    throw new Error('too many redirects');
  }

  async function start(next = '/nop-truc-tuyen/2.000950') {
    const res = await t.app.inject({ url: `/dinh-danh/oidc?next=${encodeURIComponent(next)}` });
    expect(res.statusCode, res.body).toBe(303);
    const location = new URL(res.headers.location as string);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('nonce')).toBeTruthy();
    return location;
  }

  it('signs the citizen in with the verified ID token’s citizen ID', async () => {
    const callback = await atProvider((await start()).href);
    const res = await t.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/nop-truc-tuyen/2.000950');
    const cookie = String(res.headers['set-cookie']);
    const token = /motcua_citizen=([^;]+)/.exec(cookie)?.[1];
    expect(token).toBeTruthy();
    expect(cookie).toMatch(/HttpOnly/i);
    // The applicant page is pre-filled with the ID number and name from the provider.
    const draft = await t.app.inject({
      method: 'POST',
      url: `/nop-truc-tuyen/${ONLINE}`,
      cookies: { motcua_citizen: token! },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    // A cookie session needs its CSRF token.
    expect(draft.statusCode).toBe(403);
    // The same callback cannot be replayed (state used once).
    const replay = await t.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('nhà cung cấp định danh');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const location = await start();
    const state = location.searchParams.get('state')!;
    await t.db.database.db
      .update(citizenOidcLogins)
      .set({ nonce: 'another-nonce-than-the-one-sent' })
      .where(eq(citizenOidcLogins.state, state));
    const callback = await atProvider(location.href);
    const res = await t.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie'] ?? '').not.toContain('motcua_citizen=');
  });

  it('refuses a citizen ID claim that is not a valid 12-digit number', async () => {
    provider.account = { ...TEST_CITIZEN, sub: 'vneid-bad', citizenId: '12345' };
    try {
      const callback = await atProvider((await start()).href);
      const res = await t.app.inject({ url: `${callback.pathname}${callback.search}` });
      expect(res.statusCode).toBe(401);
    } finally {
      provider.account = TEST_CITIZEN;
    }
  });

  it('refuses a login answered by another issuer than the configured one', async () => {
    // A look-alike issuer: its metadata names itself but sends the citizen to the real provider,
    // whose response (`iss`) and ID token carry the real provider's issuer.
    const server = createServer((req, res) => {
      if (req.url !== '/.well-known/openid-configuration') {
        res.statusCode = 404;
        res.end();
        return;
      }
      void fetch(`${provider.issuer}/.well-known/openid-configuration`)
        .then((r) => r.json())
        .then((doc: Record<string, unknown>) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ...doc, issuer: lookAlike }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const lookAlike = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const other = await createTestApp({
      config: {
        publicBaseUrl: 'http://127.0.0.1:9',
        citizen: { ...t.config.citizen, oidc: { ...t.config.citizen.oidc!, issuer: lookAlike } },
      },
    });
    try {
      const started = await other.app.inject({ url: '/dinh-danh/oidc' });
      expect(started.statusCode, started.body).toBe(303);
      const callback = await atProvider(String(started.headers.location));
      const res = await other.app.inject({ url: `${callback.pathname}${callback.search}` });
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie'] ?? '').not.toContain('motcua_citizen=');
    } finally {
      await other.close();
      server.close();
    }
  });

  it('refuses a provider whose metadata names another issuer', async () => {
    const other = await createTestApp({
      config: {
        publicBaseUrl: 'http://127.0.0.1:9',
        citizen: {
          ...t.config.citizen,
          oidc: { ...t.config.citizen.oidc!, issuer: provider.issuer.replace('127.0.0.1', 'localhost') },
        },
      },
    });
    try {
      const res = await other.app.inject({ url: '/dinh-danh/oidc' });
      expect(res.statusCode).toBe(503);
    } finally {
      await other.close();
    }
  });

  it('is off when no issuer is configured', async () => {
    const off = await createTestApp();
    try {
      const res = await off.app.inject({ url: '/dinh-danh/oidc', headers: { accept: 'application/json' } });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('IDENTITY_OIDC_DISABLED');
    } finally {
      await off.close();
    }
  });
});
