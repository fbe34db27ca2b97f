import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3, loginLockMinutes: 15, bodyLimitBytes: 65_536 } });
});
afterAll(async () => t.close());

const cookieOf = (setCookie: string | string[] | undefined, name: string): string | undefined => {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = list.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0]?.slice(name.length + 1);
};

describe('problem details', () => {
  it('speaks Vietnamese by default and English when asked', async () => {
    const vi = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json()).toMatchObject({
      type: 'urn:motcua:error:not-found',
      code: 'NOT_FOUND',
      status: 404,
      title: 'Không tìm thấy.',
      instance: '/api/v1/nothing-here',
    });
    const en = await t.app.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' },
    });
    expect(en.json()).toMatchObject({ code: 'NOT_FOUND', title: 'Not found.' });
  });

  it('refuses numbers that coerce to infinity in a query string or path, instead of passing them on', async () => {
    for (const [url, name] of [
      ['/api/v1/procedures?page=1e309', 'querystring/page'],
      ['/api/v1/procedures?page=-1e309', 'querystring/page'],
      ['/api/v1/procedures?pageSize=Infinity', 'querystring/pageSize'],
      ['/api/v1/calendar/years/1e309', 'params/year'],
      ['/api/v1/calendar/years/2026?revision=-Infinity', 'querystring/revision'],
    ] as const) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name }] });
    }
    const fine = await t.app.inject({ url: '/api/v1/procedures?page=2&pageSize=5' });
    expect(fine.statusCode).toBe(200);
    expect(fine.json()).toMatchObject({ page: 2, pageSize: 5 });
  });

  it('lists every invalid field at once', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { user: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['body/username', 'body/password']),
    );
  });

  it('answers malformed JSON, a wrong media type and an oversized body with their own codes', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.json()).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    const media = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(media.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(70_000), password: 'y' }),
    });
    expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('never leaks a stack trace or SQL', async () => {
    const res = await t.app.inject({ url: "/api/v1/units/'%20or%201=1--/successors" });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toMatch(/at .*\.ts:\d+|select |syntax error/i);
  });
});

describe('security headers, request ids, health and metrics', () => {
  it('sets security headers on every response', async () => {
    const res = await t.app.inject({ url: '/login' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('echoes a well-formed request id and makes one otherwise', async () => {
    const given = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'req-12345678' } });
    expect(given.headers['x-request-id']).toBe('req-12345678');
    const made = await t.app.inject({ url: '/health', headers: { 'x-request-id': '<script>' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/health reports the database, /metrics is Prometheus text', async () => {
    const health = await t.app.inject({ url: '/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /motcua_http_requests_total\{method="GET",route="\/health",status="2xx"\} \d+/,
    );
  });

  it('publishes the OpenAPI document and a browsable page', async () => {
    const doc = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/units',
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/reports/coverage',
      ]),
    );
    const ui = await t.app.inject({ url: '/api/v1/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});

describe('sign-in', () => {
  it('returns a token and sets an HttpOnly SameSite session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo.clerk', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { username: 'demo.clerk', roles: [{ role: 'clerk', scope: { servicePoint: 'H21.52' } }] },
    });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('motcua_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(res.json().token) });
    expect(me.json()).toMatchObject({ username: 'demo.clerk' });
  });

  it('locks an account after repeated failures, without telling whether the username exists', async () => {
    const attempt = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    const unknown = await attempt('no.such.user', 'whatever');
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    for (let i = 0; i < 3; i++) {
      // The third failure locks the account: the answer is the same as for a wrong password.
      const wrong = await attempt('demo.courier', 'wrong');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toBe(unknown.body);
    }
    const locked = await attempt('demo.courier', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toBe(unknown.body);
    expect(locked.headers['retry-after']).toBeUndefined();
    t.clock.advance(16 * 60_000);
    expect((await attempt('demo.courier', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('rejects an unknown or expired bearer token with 401', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer('forged') });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
  });
});

describe('pages: CSRF and session fixation', () => {
  it('refuses a login form without the CSRF token, and accepts it with the token', async () => {
    const form = await t.app.inject({ url: '/login' });
    const csrf = cookieOf(form.headers['set-cookie'], 'motcua_csrf');
    expect(csrf).toBeDefined();
    expect(form.body).toContain(`name="_csrf" value="${csrf}"`);
    const without = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: `motcua_csrf=${csrf}` },
      payload: { username: 'demo.admin', password: DEMO_PASSWORD },
    });
    expect(without.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: `motcua_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=demo.admin&password=${DEMO_PASSWORD}&_csrf=${csrf}`,
    });
    expect(withToken.statusCode).toBe(303);
    expect(cookieOf(withToken.headers['set-cookie'], 'motcua_session')).toBeDefined();
  });

  it('gives anonymous pages a CSRF cookie, but not a safe JSON API request, and still checks an unsafe one', async () => {
    const page = await t.app.inject({ url: '/login' });
    expect(cookieOf(page.headers['set-cookie'], 'motcua_csrf')).toBeDefined();
    const api = await t.app.inject({ url: '/api/v1/service-points' });
    expect(api.statusCode).toBe(200);
    expect(cookieOf(api.headers['set-cookie'], 'motcua_csrf')).toBeUndefined();
    // An empty token never passes for an unsafe request: a form post without a cookie is refused.
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=demo.admin&password=${DEMO_PASSWORD}&_csrf=`,
    });
    expect(post.statusCode).toBe(403);
  });

  it('prefixes field errors for screen readers in the page language', async () => {
    for (const [lang, prefix, other] of [
      ['vi', 'Lỗi: ', 'Error: '],
      ['en', 'Error: ', 'Lỗi: '],
    ] as const) {
      const form = await t.app.inject({ url: `/login?lang=${lang}` });
      const csrf = cookieOf(form.headers['set-cookie'], 'motcua_csrf')!;
      const res = await t.app.inject({
        method: 'POST',
        url: `/login?lang=${lang}`,
        headers: { cookie: `motcua_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `username=&password=&_csrf=${csrf}`,
      });
      expect(res.body).toMatch(new RegExp(`<span class="visually-hidden">${prefix}</span\\s*>`));
      expect(res.body).not.toMatch(new RegExp(`<span class="visually-hidden">${other}</span\\s*>`));
    }
  });

  it('issues a new session on login: a planted session cookie is never adopted', async () => {
    const planted = 'attacker-chosen-session-value-123456';
    const form = await t.app.inject({ url: '/login', headers: { cookie: `motcua_session=${planted}` } });
    const csrf = cookieOf(form.headers['set-cookie'], 'motcua_csrf')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        cookie: `motcua_session=${planted}; motcua_csrf=${csrf}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `username=demo.manager&password=${DEMO_PASSWORD}&_csrf=${csrf}`,
    });
    const session = cookieOf(res.headers['set-cookie'], 'motcua_session');
    expect(session).toBeDefined();
    expect(session).not.toBe(planted);
    const planted2 = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `motcua_session=${planted}` },
    });
    expect(planted2.statusCode).toBe(401);
  });

  it('requires the session’s CSRF token on cookie-authenticated writes', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo.admin', password: DEMO_PASSWORD },
    });
    const session = cookieOf(login.headers['set-cookie'], 'motcua_session')!;
    const page = await t.app.inject({
      url: '/admin/users',
      headers: { cookie: `motcua_session=${session}` },
    });
    expect(page.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeDefined();
    const payload = {
      username: 'csrf.test',
      password: 'long-enough-password',
      fullName: 'CSRF',
      roles: [{ role: 'auditor' }],
    };
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: `motcua_session=${session}` },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'AUTH_CSRF_INVALID' });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: `motcua_session=${session}`, 'x-csrf-token': token! },
      payload,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps the input and summarises errors at the top when the staff form is wrong', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo.admin', password: DEMO_PASSWORD },
    });
    const session = cookieOf(login.headers['set-cookie'], 'motcua_session')!;
    const page = await t.app.inject({
      url: '/admin/users',
      headers: { cookie: `motcua_session=${session}` },
    });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: `motcua_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&username=Nguy%E1%BB%85n&fullName=Nguy%E1%BB%85n%20V%C4%83n%20A&password=short&role=clerk`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Lỗi: ');
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('value="Nguyễn Văn A"');
    expect(res.body).not.toContain('value="short"');
  });
});
