/**
 * Role × action over HTTP: for every action, in a state that allows it, every kind of caller is tried.
 * Only the role owning the step, within its scope (clerk: the dossier's service point; officer: its
 * competent agency), succeeds; everyone else gets 401/403 and the dossier is unchanged.
 * The same table is printed in docs/dossiers.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierStatus } from '../../src/modules/dossiers/domain/types.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { act, dossierIn, get, HANDOVER, LONG_SESSIONS, registerProcedure } from './builders.ts';

let t: TestApp;

type Who =
  | 'anon'
  | 'clerk'
  | 'clerkElsewhere'
  | 'officer'
  | 'officerElsewhere'
  | 'courier'
  | 'manager'
  | 'admin'
  | 'auditor';
const USERS: Record<Exclude<Who, 'anon'>, string> = {
  clerk: 'demo.clerk', // H21.52, the dossiers' service point
  clerkElsewhere: 'demo.clerk.iakrai', // another service point
  officer: 'demo.officer', // SO-TU-PHAP, the competent agency
  officerElsewhere: 'officer.xaydung', // SO-XAY-DUNG
  courier: 'demo.courier',
  manager: 'demo.manager',
  admin: 'demo.admin',
  auditor: 'demo.auditor',
};
const CALLERS = Object.keys({ anon: 1, ...USERS }) as Who[];

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: LONG_SESSIONS });
  await registerProcedure(t);
  const admin = await t.tokenFor('admin');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(admin),
    payload: {
      username: 'officer.xaydung',
      password: 'long-enough-password',
      fullName: 'Cán bộ Sở Xây dựng',
      roles: [{ role: 'officer', scope: { agency: 'SO-XAY-DUNG' } }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  await t.tokenFor('officer.xaydung', 'long-enough-password');
});
afterAll(async () => t.close());

interface Row {
  readonly action: string;
  readonly state: DossierStatus;
  readonly body: Record<string, unknown>;
  readonly owners: readonly Who[];
  /** Extra steps to make the action valid (e.g. pay before return). */
  readonly setup?: readonly { user: string; body: Record<string, unknown> }[];
}

const PAY = {
  user: 'demo.clerk',
  body: { action: 'record-payment', feeSeq: 1, method: 'cash', receiptNumber: 'BL-1' },
};

const TABLE: readonly Row[] = [
  { action: 'receive', state: 'submitted', body: { action: 'receive' }, owners: ['clerk'] },
  { action: 'forward', state: 'received', body: { action: 'forward' }, owners: ['clerk'] },
  { action: 'handover', state: 'in_progress', body: HANDOVER, owners: ['officer'] },
  {
    action: 'request-supplement',
    state: 'in_progress',
    body: { action: 'request-supplement', reason: 'Thiếu', items: ['X'] },
    owners: ['officer'],
  },
  {
    action: 'supplement',
    state: 'supplement_requested',
    body: { action: 'supplement' },
    owners: ['clerk', 'officer'],
  },
  {
    action: 'reject',
    state: 'submitted',
    body: { action: 'reject', reason: 'Không thuộc thẩm quyền' },
    owners: ['clerk'],
  },
  {
    action: 'reject',
    state: 'received',
    body: { action: 'reject', reason: 'Không thuộc thẩm quyền' },
    owners: ['clerk'],
  },
  {
    action: 'reject',
    state: 'in_progress',
    body: { action: 'reject', reason: 'Không đủ điều kiện' },
    owners: ['officer'],
  },
  {
    action: 'reject',
    state: 'supplement_requested',
    body: { action: 'reject', reason: 'Không đủ điều kiện' },
    owners: ['officer'],
  },
  {
    action: 'stop',
    state: 'in_progress',
    body: { action: 'stop', reason: 'Dừng giải quyết' },
    owners: ['officer'],
  },
  {
    action: 'stop',
    state: 'supplement_requested',
    body: { action: 'stop', reason: 'Quá hạn bổ sung' },
    owners: ['officer'],
  },
  {
    action: 'withdraw',
    state: 'submitted',
    body: { action: 'withdraw', reason: 'Xin rút' },
    owners: ['clerk'],
  },
  {
    action: 'withdraw',
    state: 'in_progress',
    body: { action: 'withdraw', reason: 'Xin rút' },
    owners: ['clerk'],
  },
  {
    action: 'apologize',
    state: 'in_progress',
    body: { action: 'apologize', reason: 'Cần xác minh', newDueAt: '2026-03-20T17:00:00+07:00' },
    owners: ['officer'],
  },
  {
    action: 'complete',
    state: 'in_progress',
    body: { action: 'complete', result: { kind: 'paper', number: 'KQ-1' } },
    owners: ['officer'],
  },
  {
    action: 'return',
    state: 'result_ready',
    body: { action: 'return', method: 'online' },
    owners: ['clerk'],
    setup: [PAY],
  },
  { action: 'record-payment', state: 'received', body: PAY.body, owners: ['clerk'] },
];

/**
 * Callers whose role may act on dossiers but whose scope does not cover this one: they get 404 (as
 * for an unknown code) rather than 403. Roles refused by the route itself (courier, admin) get 403.
 */
const OUT_OF_SCOPE: readonly Who[] = ['clerkElsewhere', 'officerElsewhere'];

async function tryAs(who: Who, code: string, body: Record<string, unknown>) {
  const version = (await get(t, 'demo.manager', `/api/v1/dossiers/${code}`)).json().version as number;
  const headers = who === 'anon' ? {} : bearer(await t.tokenFor(USERS[who]));
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${code}/actions`,
    headers,
    payload: { version, ...body },
  });
}

describe('role × action', () => {
  for (const row of TABLE) {
    it(`${row.action} from ${row.state}: only ${row.owners.join(' and ')}`, async () => {
      const prepare = async () => {
        const code = await dossierIn(t, row.state);
        for (const step of row.setup ?? []) await act(t, step.user, code, step.body);
        return code;
      };
      const code = await prepare();
      const before = (await get(t, 'demo.manager', `/api/v1/dossiers/${code}`)).json();
      for (const who of CALLERS.filter((w) => !row.owners.includes(w))) {
        const res = await tryAs(who, code, row.body);
        // Who cannot even read the dossier is told it does not exist (docs/security.md, "403 or 404").
        expect(res.statusCode, `${who}: ${res.body}`).toBe(
          who === 'anon' ? 401 : OUT_OF_SCOPE.includes(who) ? 404 : 403,
        );
      }
      const after = (await get(t, 'demo.manager', `/api/v1/dossiers/${code}`)).json();
      expect(after.version).toBe(before.version);
      expect(after.status).toBe(row.state);
      for (const [i, who] of row.owners.entries()) {
        const target = i === 0 ? code : await prepare();
        const res = await tryAs(who, target, row.body);
        expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      }
    });
  }

  it('reading: clerks see their service point, officers their agency, managers and auditors everything', async () => {
    const code = await dossierIn(t, 'received');
    const expected: Record<Who, number> = {
      anon: 401,
      clerk: 200,
      clerkElsewhere: 404,
      officer: 200,
      officerElsewhere: 404,
      courier: 403, // the route is refused to the role
      manager: 200,
      admin: 403, // the route is refused to the role
      auditor: 200,
    };
    for (const who of CALLERS) {
      const res = await t.app.inject({
        url: `/api/v1/dossiers/${code}`,
        headers: who === 'anon' ? {} : bearer(await t.tokenFor(USERS[who])),
      });
      expect(res.statusCode, who).toBe(expected[who]);
    }
    const listed = async (who: Exclude<Who, 'anon'>) =>
      (await get(t, USERS[who], '/api/v1/dossiers?pageSize=100'))
        .json()
        .items.map((i: { code: string }) => i.code) as string[];
    expect(await listed('clerk')).toContain(code);
    expect(await listed('officer')).toContain(code);
    expect(await listed('clerkElsewhere')).not.toContain(code);
    expect(await listed('officerElsewhere')).not.toContain(code);
    expect(await listed('auditor')).toContain(code);
  });

  it('a manager scoped to a unit sees the dossiers of that unit’s service points only', async () => {
    const admin = await t.tokenFor('admin');
    for (const [username, unit] of [
      ['manager.gialai', '52'],
      ['manager.other', '23776'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(admin),
        payload: {
          username,
          password: 'long-enough-password',
          fullName: username,
          roles: [{ role: 'manager', scope: { unit } }],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      await t.tokenFor(username, 'long-enough-password');
    }
    const code = await dossierIn(t, 'received');
    expect((await get(t, 'manager.gialai', `/api/v1/dossiers/${code}`)).statusCode).toBe(200);
    expect((await get(t, 'manager.other', `/api/v1/dossiers/${code}`)).statusCode).toBe(404);
    expect((await get(t, 'manager.other', '/api/v1/dossiers')).json().total).toBe(0);
    expect((await get(t, 'manager.gialai', '/api/v1/dossiers')).json().total).toBeGreaterThan(0);
  });
});
