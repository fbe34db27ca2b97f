/**
 * Crash tests: MotCua as a real process, killed with SIGKILL (kill -9) in the middle of sustained
 * writes, restarted on the same data. On PGlite the dead process's lock file must be taken over; on
 * the PostgreSQL server (MOTCUA_TEST_ENGINE=pg) the database is a fresh one on the test server.
 *
 * One data set goes through three lives:
 *   1. `src/main.ts` on a fresh database; a procedure is published through the catalog API; 8 clients
 *      create staff accounts; kill -9 mid-load.
 *   2. Restart (lock taken over). Every acknowledged account exists exactly once; unacknowledged
 *      ones are retried (201, or 409 when the write had committed just before the kill). Then 8 clerks
 *      take in dossiers with Idempotency-Key; kill -9 mid-load.
 *   3. Restart. Every unacknowledged intake is retried with its key (exactly once: a committed one is
 *      replayed with the same code); acknowledged ones replay their code. Codes are neither
 *      duplicated nor skipped; the audit chain verifies (API and `motcua audit verify`); each dossier
 *      has its outbox row, and the undelivered rows are claimable.
 *
 * On the PostgreSQL server, also: connections killed under load (pg_terminate_backend) answer 503
 * SERVICE_UNAVAILABLE problems, never 500, and MotCua recovers by itself; and, only when CI=true or
 * MOTCUA_PG_RESTART_TEST=1 (it disturbs everyone using the shared server), a real server restart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { auditEvents, outbox } from '../../src/adapters/db/schema.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.repository.ts';
import { claimDueOutbox } from '../../src/modules/outbox/outbox.repository.ts';
import { parseDossierCode } from '../../src/modules/dossiers/domain/dossier-code.ts';
import { DEMO_PASSWORD } from '../helpers/test-app.ts';
import { createServerDatabase, TEST_ENGINE } from '../helpers/test-db.ts';
import { intakeBody, procedureVersion } from '../dossiers/builders.ts';
import {
  call,
  CHILD_ADMIN_PASSWORD,
  login,
  MAIN_ENTRY,
  publishProcedure,
  REPO_ROOT,
  startChildServer,
  type ChildServer,
} from './support/child-server.ts';
import { problemCode } from './support/responses.ts';

const CONCURRENCY = 8;
/** The notifications dispatcher polls the outbox every second instead of every 15. */
const FAST_DISPATCH = { MOTCUA_NOTIFY_INTERVAL_SECONDS: '1' };
const LEAK = /Failed query|terminating connection|ECONNREFUSED|at .*:\d+:\d+/;
const PG_RESTART =
  TEST_ENGINE === 'pg' && (process.env.CI === 'true' || process.env.MOTCUA_PG_RESTART_TEST === '1');

interface Attempt {
  readonly key: string;
  status?: number;
  code?: string;
}

/** Runs `write` from CONCURRENCY clients until `stop()` is called or the server dies. */
function sustain(write: (i: number) => Promise<void>) {
  let running = true;
  let next = 0;
  const clients = Array.from({ length: CONCURRENCY }, async () => {
    while (running) {
      const i = next++;
      try {
        await write(i);
      } catch {
        // the server died under us: this write is unacknowledged
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`crash: kill -9 under load, restart on the same data (${TEST_ENGINE})`, () => {
  let dataDir = '';
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  let server: ChildServer | undefined;
  const where = () => (databaseUrl ? { databaseUrl } : { dataDir });

  const users: Attempt[] = [];
  const intakes: Attempt[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
    dataDir = join(dir, 'db');
    if (TEST_ENGINE === 'pg') {
      const created = await createServerDatabase();
      databaseUrl = created.url;
      drop = created.drop;
    }
  });
  afterAll(async () => {
    await server?.kill9();
    await drop?.();
    if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('life 1: src/main.ts on a fresh database, a procedure published, staff accounts created under load, then kill -9', async () => {
    server = await startChildServer({ entry: MAIN_ENTRY, ...where(), env: FAST_DISPATCH });
    const admin = await login(server.baseUrl, 'admin', CHILD_ADMIN_PASSWORD);
    const base = server.baseUrl;
    await publishProcedure(base, admin, procedureVersion());
    const load = sustain(async (i) => {
      const attempt: Attempt = { key: `crash.user.${i}` };
      users.push(attempt);
      const res = await call(base, 'POST', '/api/v1/users', {
        token: admin,
        body: {
          username: attempt.key,
          password: 'crash-test-password',
          fullName: `Nhân viên ${i}`,
          roles: [{ role: 'auditor' }],
        },
      });
      attempt.status = res.status;
    });
    await until(() => users.filter((u) => u.status === 201).length >= 20, 60_000);
    await server.kill9(); // mid-load: the clients still have requests in flight
    await load.stop();
    expect(users.filter((u) => u.status !== undefined && u.status !== 201)).toEqual([]);
    if (!databaseUrl) expect(readdirSync(join(dataDir, '..'))).toContain('db.lock'); // left behind by the dead process
  }, 180_000);

  it('life 2: restarts (stale lock taken over); acknowledged accounts exist once; intakes under load, then kill -9', async () => {
    server = await startChildServer({ entry: MAIN_ENTRY, ...where(), env: FAST_DISPATCH });
    const base = server.baseUrl;
    const admin = await login(base, 'admin', CHILD_ADMIN_PASSWORD);
    // Unacknowledged writes are retried: 201 (it never committed) or 409 (it committed before the kill).
    for (const u of users.filter((x) => x.status !== 201)) {
      const res = await call(base, 'POST', '/api/v1/users', {
        token: admin,
        body: {
          username: u.key,
          password: 'crash-test-password',
          fullName: 'Nhân viên',
          roles: [{ role: 'auditor' }],
        },
      });
      expect([201, 409], res.body).toContain(res.status);
      if (res.status === 409) expect(problemCode(res)).toBe('USER_EXISTS');
    }
    const listed = (await call(base, 'GET', '/api/v1/users', { token: admin })).json<{
      items: { username: string }[];
    }>().items;
    const names = listed.map((u) => u.username).filter((n) => n.startsWith('crash.user.'));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(users.map((u) => u.key).sort());

    const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
    const load = sustain(async (i) => {
      const attempt: Attempt = { key: `crash-intake-${i}` };
      intakes.push(attempt);
      const res = await call(base, 'POST', '/api/v1/dossiers', {
        token: clerk,
        body: intakeBody(),
        headers: { 'idempotency-key': attempt.key },
      });
      attempt.status = res.status;
      if (res.status === 201) attempt.code = res.json<{ code: string }>().code;
    });
    await until(() => intakes.filter((x) => x.status === 201).length >= 30, 60_000);
    await server.kill9();
    await load.stop();
    expect(intakes.filter((x) => x.status !== undefined && x.status !== 201).map((x) => x.status)).toEqual(
      [],
    );
  }, 180_000);

  it('life 3: every intake exactly once, codes neither duplicated nor skipped, audit chain valid', async () => {
    server = await startChildServer({ entry: MAIN_ENTRY, ...where(), env: FAST_DISPATCH });
    const base = server.baseUrl;
    const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
    const acknowledged = new Map(intakes.filter((x) => x.code).map((x) => [x.key, x.code as string]));
    // Retry everything with its key: acknowledged ones must replay their code.
    for (const attempt of intakes) {
      const res = await call(base, 'POST', '/api/v1/dossiers', {
        token: clerk,
        body: intakeBody(),
        headers: { 'idempotency-key': attempt.key },
      });
      expect(res.status, res.body).toBe(201);
      const code = res.json<{ code: string }>().code;
      if (acknowledged.has(attempt.key)) {
        expect(code).toBe(acknowledged.get(attempt.key));
        expect(res.headers.get('idempotent-replayed')).toBe('true');
      }
      attempt.code = code;
    }
    const codes: string[] = [];
    for (let page = 1; ; page++) {
      const res = await call(base, 'GET', `/api/v1/dossiers?pageSize=100&page=${page}`, { token: clerk });
      expect(res.status, res.body).toBe(200);
      const items = res.json<{ items: { code: string }[] }>().items;
      codes.push(...items.map((d) => d.code));
      if (items.length < 100) break;
    }
    expect(new Set(codes).size).toBe(codes.length); // no duplicate
    expect(codes.length).toBe(intakes.length); // one dossier per key, whatever the crash did
    expect(new Set(intakes.map((x) => x.code))).toEqual(new Set(codes));
    // Per service point and day the numbers are 1..N without a gap.
    const byDay = new Map<string, number[]>();
    for (const code of codes) {
      const parsed = parseDossierCode(code);
      expect(parsed, code).toBeDefined();
      const day = `${parsed?.servicePointCode}-${parsed?.yymmdd}`;
      byDay.set(day, [...(byDay.get(day) ?? []), parsed?.sequence ?? 0]);
    }
    for (const [day, numbers] of byDay) {
      expect(
        numbers.sort((a, b) => a - b),
        day,
      ).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }

    // The outbox still delivers: the notifications dispatcher turns every dossier's outbox row
    // (those written before the crashes included) into messages.
    const admin = await login(base, 'admin', CHILD_ADMIN_PASSWORD);
    const deadline = Date.now() + 60_000;
    let notified = 0;
    while (Date.now() < deadline) {
      const res = await call(base, 'GET', '/api/v1/notifications?pageSize=1', { token: admin });
      notified = res.status === 200 ? res.json<{ total: number }>().total : -1;
      if (notified >= codes.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(notified).toBeGreaterThanOrEqual(codes.length);

    const auditor = await login(base, 'demo.auditor', DEMO_PASSWORD);
    const verify = await call(base, 'GET', '/api/v1/audit/verify', { token: auditor });
    expect(verify.json()).toMatchObject({ ok: true, problems: [] });
    await server.stop();
    server = undefined;

    // Offline: the outbox and the audit trail, straight from the database.
    const database = await openDatabase(where());
    try {
      const rows = await database.db.select().from(outbox);
      const received = rows
        .filter((r) => r.topic === 'dossier.received')
        .map((r) => (r.payload as { code: string }).code);
      expect(received.sort()).toEqual([...codes].sort()); // exactly one notification per dossier
      const undelivered = rows.filter((r) => r.deliveredAt === null).map((r) => r.id);
      const claimable = await database.db.transaction(async (tx) =>
        claimDueOutbox(tx, new Date('2100-01-01T00:00:00Z'), 100_000),
      );
      expect(claimable.map((r) => r.id).sort((a, b) => a - b)).toEqual(undelivered.sort((a, b) => a - b));
      const events = await database.db.select().from(auditEvents);
      const created = events.filter(
        (e) =>
          e.action === 'user.created' &&
          String((e.change as { username?: string }).username).startsWith('crash.user.'),
      );
      expect(created.map((e) => (e.change as { username: string }).username).sort()).toEqual(
        users.map((u) => u.key).sort(),
      );
      const received2 = events.filter((e) => e.action === 'dossier.received').map((e) => e.entityId);
      expect(received2.sort()).toEqual([...codes].sort());
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
    // The operator's check, as documented.
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/motcua.ts', 'audit', 'verify'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', MOTCUA_DATA_DIR: dataDir }),
        },
        encoding: 'utf8',
      },
    );
    expect(output).toMatch(/audit chain OK: \d+ events verified/);
  }, 180_000);

  describe.runIf(TEST_ENGINE === 'pg')('PostgreSQL server faults', () => {
    /** Load while `fault` runs; returns every status seen, and checks that writes succeed again afterwards. */
    async function underFault(fault: () => Promise<void>) {
      server = await startChildServer({ entry: MAIN_ENTRY, ...where(), env: FAST_DISPATCH });
      const base = server.baseUrl;
      await publishProcedure(base, await login(base, 'admin', CHILD_ADMIN_PASSWORD), procedureVersion());
      const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
      const seen: { status: number; code: string | undefined }[] = [];
      const leaks: string[] = [];
      let n = 0;
      const load = sustain(async () => {
        const res = await call(base, 'POST', '/api/v1/dossiers', {
          token: clerk,
          body: intakeBody(),
          headers: { 'idempotency-key': `fault-${Date.now()}-${n++}` },
          timeoutMs: 30_000,
        });
        seen.push({ status: res.status, code: problemCode(res) });
        if (
          res.status >= 500 &&
          (!String(res.headers.get('content-type')).startsWith('application/problem+json') ||
            LEAK.test(res.body))
        )
          leaks.push(res.body.slice(0, 300));
      });
      await until(() => seen.length >= 10, 30_000);
      await fault();
      // Recovery by itself: a write succeeds again within 30 s, without a restart of MotCua.
      const end = Date.now() + 30_000;
      let recovered = false;
      while (!recovered && Date.now() < end) {
        const res = await call(base, 'POST', '/api/v1/dossiers', {
          token: clerk,
          body: intakeBody(),
          headers: { 'idempotency-key': `recovery-${Date.now()}` },
        }).catch(() => undefined);
        recovered = res?.status === 201;
        if (!recovered) await new Promise((r) => setTimeout(r, 250));
      }
      await load.stop();
      const health = await call(base, 'GET', '/health');
      const tally: Record<string, number> = {};
      for (const x of seen) {
        const key = x.status >= 400 ? `${x.status} ${x.code ?? ''}` : String(x.status);
        tally[key] = (tally[key] ?? 0) + 1;
      }
      console.info(`under the fault: ${JSON.stringify(tally)}`);
      await server.stop();
      server = undefined;
      expect(recovered).toBe(true);
      expect(health.status).toBe(200);
      expect(leaks).toEqual([]);
      const bad = seen.filter(
        (s) => s.status !== 201 && !(s.status === 503 && s.code === 'SERVICE_UNAVAILABLE'),
      );
      expect(bad).toEqual([]);
      return seen;
    }

    it('connections killed under load: 503 SERVICE_UNAVAILABLE, never 500, then recovers by itself', async () => {
      const url = databaseUrl as string;
      const name = new URL(url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await underFault(async () => {
          for (let i = 0; i < 5; i++) {
            await admin.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [name],
            );
            await new Promise((r) => setTimeout(r, 300));
          }
        });
      } finally {
        await admin.end();
      }
    }, 120_000);

    it.runIf(PG_RESTART)(
      'a PostgreSQL server restart under load: 503 while it is down, recovery by itself',
      async () => {
        const version = readdirSync('/etc/postgresql').sort().at(-1) ?? '15';
        const seen = await underFault(async () => {
          execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], {
            stdio: 'ignore',
          });
        });
        expect(seen.some((s) => s.status === 201)).toBe(true);
      },
      120_000,
    );
  });
});
