/**
 * Role × scope × route: every API route is in this table with the expected answer for an anonymous
 * caller and for each demo role. A route missing from the table fails the test, so new routes must
 * declare their expected access here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Who = 'anon' | 'clerk' | 'officer' | 'courier' | 'manager' | 'admin' | 'auditor';
const ACCOUNTS: Record<Exclude<Who, 'anon'>, string> = {
  clerk: 'demo.clerk',
  officer: 'demo.officer',
  courier: 'demo.courier',
  manager: 'demo.manager',
  admin: 'demo.admin',
  auditor: 'demo.auditor',
};

const OK = 200;
// [method, url, payload?] → expected status per caller.
const TABLE: { method: 'GET' | 'POST'; url: string; pattern: string; payload?: unknown; expect: Record<Who, number> }[] = [
  { method: 'GET', url: '/api/v1/units?at=2025-06-30', pattern: '/api/v1/units', expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/units/64', pattern: '/api/v1/units/:code', expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/units/64/successors', pattern: '/api/v1/units/:code/successors', expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/service-points', pattern: '/api/v1/service-points', expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/agencies', pattern: '/api/v1/agencies', expect: { anon: OK, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
  // demo.clerk works at H21.52: in scope.
  { method: 'GET', url: '/api/v1/service-points/H21.52/staff', pattern: '/api/v1/service-points/:code/staff', expect: { anon: 401, clerk: OK, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/reports/coverage', pattern: '/api/v1/reports/coverage', expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: OK, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/users', pattern: '/api/v1/users', expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: OK, auditor: 403 } },
  { method: 'POST', url: '/api/v1/users', pattern: '/api/v1/users', payload: { username: 'x', password: 'y', fullName: 'z', roles: [{ role: 'nobody' }] }, expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: 400, auditor: 403 } },
  { method: 'GET', url: '/api/v1/audit/verify', pattern: '/api/v1/audit/verify', expect: { anon: 401, clerk: 403, officer: 403, courier: 403, manager: 403, admin: OK, auditor: OK } },
  { method: 'GET', url: '/api/v1/auth/me', pattern: '/api/v1/auth/me', expect: { anon: 401, clerk: OK, officer: OK, courier: OK, manager: OK, admin: OK, auditor: OK } },
];
const NOT_IN_TABLE = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/openapi.json']); // tested in http-edge.test.ts

describe('access control table', () => {
  it('covers every API route', () => {
    const registered = t.app.services.routes.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    const covered = new Set(TABLE.map((r) => `${r.method} ${r.pattern}`));
    for (const route of registered) {
      const [, url] = route.split(' ');
      if (url?.startsWith('/api/v1/docs') || NOT_IN_TABLE.has(url ?? '')) continue;
      expect(covered.has(route), `${route} is not in the access-control table`).toBe(true);
    }
    expect(registered.length).toBeGreaterThan(8);
  });

  for (const row of TABLE) {
    for (const who of Object.keys(row.expect) as Who[]) {
      it(`${row.method} ${row.url} as ${who} → ${row.expect[who]}`, async () => {
        const headers = who === 'anon' ? {} : bearer(await t.tokenFor(ACCOUNTS[who]));
        const res = await t.app.inject({ method: row.method, url: row.url, headers, ...(row.payload ? { payload: row.payload as object } : {}) });
        expect(res.statusCode, res.body).toBe(row.expect[who]);
        if (res.statusCode >= 400) expect(res.json()).toHaveProperty('code');
      });
    }
  }
});

describe('scopes', () => {
  it('a commune clerk cannot read another commune’s service point, but can read their own', async () => {
    const token = await t.tokenFor('demo.clerk.iakrai'); // H21.52.23776 (xã Ia Krái)
    expect((await t.app.inject({ url: '/api/v1/service-points/H21.52.23776/staff', headers: bearer(token) })).statusCode).toBe(200);
    const other = await t.app.inject({ url: '/api/v1/service-points/H21.52.21583/staff', headers: bearer(token) });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.app.inject({ url: '/api/v1/service-points/H21.52/staff', headers: bearer(token) })).statusCode).toBe(403);
  });

  it('a manager scoped to a district sees its communes’ counters and nothing outside it', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { username: 'manager.iagrai', password: 'long-enough-password', fullName: 'Quản lý Ia Grai', roles: [{ role: 'manager', scope: { unit: '628' } }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = await t.tokenFor('manager.iagrai', 'long-enough-password');
    expect((await t.app.inject({ url: '/api/v1/service-points/H21.628/staff', headers: bearer(token) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/service-points/H21.23779/staff', headers: bearer(token) })).statusCode).toBe(200); // Ia Tô is in Ia Grai
    expect((await t.app.inject({ url: '/api/v1/service-points/H21.622/staff', headers: bearer(token) })).statusCode).toBe(403); // Pleiku is not
  });

  it('rejects a role without its required scope, or with a scope that does not exist', async () => {
    const admin = await t.tokenFor('admin');
    const noScope = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: { username: 'clerk.x', password: 'long-enough-password', fullName: 'X', roles: [{ role: 'clerk' }] } });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json()).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name: 'roles/0/scope', code: 'USER_ROLE_SCOPE_INVALID' }] });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: { username: 'clerk.y', password: 'long-enough-password', fullName: 'Y', roles: [{ role: 'clerk', scope: { servicePoint: 'H99.999' } }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().invalidParams[0].reason).toContain('H99.999');
  });

  it('rejects a duplicate username with 409', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: { username: 'demo.clerk', password: 'long-enough-password', fullName: 'Dup', roles: [{ role: 'auditor' }] } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USER_EXISTS' });
  });
});
