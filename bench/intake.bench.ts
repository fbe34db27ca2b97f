/**
 * Intake throughput: `POST /api/v1/dossiers` over HTTP at a fixed concurrency against MotCua as a
 * real process (src/main.ts), compared in the same run with the same SQL transaction without MotCua
 * (bench/lib/intake-sql.ts): `pgbench` on the PostgreSQL server, an in-process loop on PGlite.
 * The ratio HTTP / SQL is what MotCua's own work costs (HTTP, auth, validation, scope, deadline,
 * JSON); target ≥ 60% on the server.
 *
 *   npx tsx bench/intake.bench.ts            (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ENGINES=pg,pglite)
 *
 * Dossier codes allow 9,999 a day per service point: the HTTP side has eight (one per client) for
 * the whole run, about 90 s at 800 intakes a second; pgbench's clients take new ones every turn.
 *
 * Writes bench/results/intake.json. Needs the PostgreSQL server of the tests (MOTCUA_BENCH_DATABASE_URL;
 * default the local server by its Unix socket: bench/lib/server-url.ts) for the server half; a fresh database is
 * created and dropped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/database.ts';
import {
  call,
  CHILD_ADMIN_PASSWORD,
  login,
  publishProcedure,
  startChildServer,
  type ChildServer,
} from '../test/proof/support/child-server.ts';
import { intakeBody, procedureVersion } from '../test/dossiers/builders.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { sha256 } from '../src/modules/access/access.repository.ts';
import { benchServerUrl } from './lib/server-url.ts';
import { closedLoop, mergeLoadResults, type LoadResult } from './lib/http-load.ts';
import { findTemplate, intakeStatements, pgbenchScript, runIntakeOnce } from './lib/intake-sql.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pg,pglite').split(',').filter(Boolean);
const ADMIN_URL = benchServerUrl();
const TARGET_RATIO = 0.6;
/** Turns of HTTP and pgbench on the server (SECONDS in all for each side). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/**
 * MotCua as in production (request log on), except its notification worker: it delivers the
 * outbox after the intake, outside the transaction compared here, and on its own timer (every
 * 15 s), so it fell inside some turns and not others. Off, nothing runs between turns either, so
 * the process can be frozen while pgbench runs without holding a transaction open.
 */
const BENCH_SERVER_ENV = { LOG_LEVEL: 'info', MOTCUA_NOTIFY_INTERVAL_SECONDS: '0' };
/** One service point per client, as one clerk per counter (9,999 codes per service point and day). */
const SERVICE_POINTS = CONCURRENCY;

export interface IntakeEngineResult {
  readonly engine: 'pg' | 'pglite';
  readonly concurrency: number;
  readonly http: LoadResult;
  readonly sql: {
    tool: string;
    transactionsPerSecond: number;
    transactions: number;
    seconds: number;
    latencyAvgMs?: number;
  };
  readonly ratio: number;
  /** The turns HTTP and pgbench took (server only). */
  readonly rounds?: readonly { httpPerSecond: number; sqlPerSecond: number }[];
  readonly servicePoints: readonly string[];
}

/** Publishes the bench procedure at every level and signs in one clerk per service point. */
async function prepare(server: ChildServer): Promise<{ token: string; sp: string }[]> {
  const base = server.baseUrl;
  const admin = await login(base, 'admin', CHILD_ADMIN_PASSWORD);
  await publishProcedure(base, admin, procedureVersion({ levels: ['province', 'district', 'commune'] }));
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const points = (await call(base, 'GET', `/api/v1/service-points?at=${today}`)).json<
    { items?: { code: string }[] } | { code: string }[]
  >();
  const codes = (Array.isArray(points) ? points : (points.items ?? [])).map((p) => p.code);
  const clients: { token: string; sp: string }[] = [];
  for (const sp of ['H21.52', ...codes.filter((c) => c !== 'H21.52')]) {
    if (clients.length >= SERVICE_POINTS) break;
    const username = `bench.clerk.${clients.length}`;
    const created = await call(base, 'POST', '/api/v1/users', {
      token: admin,
      body: {
        username,
        password: 'bench-password-123',
        fullName: 'Bench',
        roles: [{ role: 'clerk', scope: { servicePoint: sp } }],
      },
    });
    if (created.status !== 201) continue;
    const token = await login(base, username, 'bench-password-123');
    const probe = await call(base, 'POST', '/api/v1/dossiers', {
      token,
      body: intakeBody({ servicePointCode: sp }),
    });
    if (probe.status === 201) clients.push({ token, sp });
  }
  if (clients.length === 0) {
    const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
    const probe = await call(base, 'POST', '/api/v1/dossiers', { token: clerk, body: intakeBody() });
    throw new Error(`no service point takes the bench procedure today: ${probe.status} ${probe.body}`);
  }
  return clients;
}

async function httpIntake(
  server: ChildServer,
  clients: { token: string; sp: string }[],
  warmupSeconds = WARMUP,
  seconds = SECONDS,
): Promise<LoadResult> {
  // One request per client, built once: the generator's own work stays small (raw-http.ts).
  const requests = clients.map((c) => ({
    method: 'POST',
    path: '/api/v1/dossiers',
    headers: {
      authorization: `Bearer ${c.token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(intakeBody({ servicePointCode: c.sp })),
  }));
  return closedLoop({
    baseUrl: server.baseUrl,
    concurrency: CONCURRENCY,
    warmupSeconds,
    seconds,
    keepLatencies: true,
    next: (_i, worker) => requests[worker % requests.length] as (typeof requests)[number],
  });
}

/** pgbench for `seconds` on `databaseUrl` with `scriptPath` (turn `turn`): transactions and latency. */
function pgbench(databaseUrl: string, scriptPath: string, seconds: number, turn: number) {
  const out = execFileSync(
    'pgbench',
    [
      '-n',
      '-D',
      `turn=${turn}`,
      '-M',
      'prepared',
      '-c',
      String(CONCURRENCY),
      '-j',
      String(Math.min(CONCURRENCY, cpus().length)),
      '-T',
      String(seconds),
      '-f',
      scriptPath,
      databaseUrl,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  if (failed > 0) throw new Error(`pgbench: ${failed} transactions failed\n${out}`);
  return { tps, transactions, latency };
}

/**
 * Writes the server's dirty pages out and refreshes the planner's statistics, so that neither side
 * of the comparison pays for a checkpoint or an autovacuum the other side caused.
 */
async function settle(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('ANALYZE');
    await c.query('CHECKPOINT').catch(() => undefined); // needs a superuser (or pg_checkpoint)
  } finally {
    await c.end();
  }
}

async function runPg(): Promise<IntakeEngineResult> {
  const name = `motcua_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let server: ChildServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  try {
    const running = await startChildServer({
      databaseUrl,
      env: BENCH_SERVER_ENV,
      logFile: join(dir, 'motcua.log'),
    });
    server = running;
    const clients = await prepare(running);
    // Both sides start from a settled database: before this, the first HTTP turn ran on the
    // statistics of empty tables (and paid for plans made for them), pgbench's on fresh ones.
    await settle(databaseUrl);
    // HTTP and pgbench take turns (ROUNDS each, SECONDS in all for each side), so that a slower
    // minute of a shared machine, or a bigger database later in the run, falls on both sides.
    const perRound = Math.max(1, Math.round(SECONDS / ROUNDS));
    const httpRounds: LoadResult[] = [];
    const sqlRounds: { tps: number; transactions: number; latency: number }[] = [];
    const scriptPath = join(dir, 'intake.pgbench.sql');
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) process.kill(running.pid, 'SIGCONT');
      httpRounds.push(await httpIntake(running, clients, round === 0 ? WARMUP : 2, perRound));
      // Frozen (SIGSTOP) while pgbench runs, idle: every answer is in, no transaction is open.
      // Stopping and restarting it instead gave the later HTTP turns a cold process (its code not
      // yet optimised by V8 after a 2 s warm-up).
      process.kill(running.pid, 'SIGSTOP');
      await settle(databaseUrl);
      if (round === 0) {
        const database = await openDatabase({ databaseUrl, migrate: false });
        const template = await findTemplate(database.db);
        const script = pgbenchScript(
          await intakeStatements(database, template, sha256(clients[0]?.token ?? '')),
        );
        await database.close();
        writeFileSync(scriptPath, script);
        writeFileSync(new URL('./results/intake.pgbench.sql', import.meta.url), script);
      }
      sqlRounds.push(pgbench(databaseUrl, scriptPath, perRound, round));
      await settle(databaseUrl);
    }
    const http = mergeLoadResults(httpRounds);
    const transactions = sqlRounds.reduce((n, r) => n + r.transactions, 0);
    const seconds = perRound * ROUNDS;
    const tps = transactions / seconds;
    return {
      engine: 'pg',
      concurrency: CONCURRENCY,
      http,
      sql: {
        tool: 'pgbench -M prepared',
        transactionsPerSecond: Math.round(tps * 10) / 10,
        transactions,
        seconds,
        latencyAvgMs:
          Math.round((sqlRounds.reduce((n, r) => n + r.latency, 0) / sqlRounds.length) * 1000) / 1000,
      },
      ratio: Math.round((http.okPerSecond / tps) * 1000) / 1000,
      rounds: httpRounds.map((h, i) => ({
        httpPerSecond: h.okPerSecond,
        sqlPerSecond: Math.round((sqlRounds[i]?.tps ?? NaN) * 10) / 10,
      })),
      servicePoints: clients.map((c) => c.sp),
    };
  } finally {
    await server?.kill9();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPglite(): Promise<IntakeEngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const dataDir = join(dir, 'db');
  let server: ChildServer | undefined;
  try {
    server = await startChildServer({
      dataDir,
      env: BENCH_SERVER_ENV,
      logFile: join(dir, 'motcua.log'),
    });
    const clients = await prepare(server);
    const http = mergeLoadResults([await httpIntake(server, clients)]);
    await server.stop();
    server = undefined;

    // The same transaction in-process on the same data folder (PGlite is one session: one client).
    const database = await openDatabase({ dataDir, migrate: false });
    try {
      const template = await findTemplate(database.db);
      const statements = await intakeStatements(database, template, sha256(clients[0]?.token ?? ''));
      const warmEnd = performance.now() + WARMUP * 1000;
      while (performance.now() < warmEnd) await runIntakeOnce(database.db, statements, 1);
      let transactions = 0;
      const start = performance.now();
      const end = start + SECONDS * 1000;
      while (performance.now() < end) {
        await runIntakeOnce(database.db, statements, 2);
        transactions += 1;
      }
      const seconds = (performance.now() - start) / 1000;
      const tps = transactions / seconds;
      return {
        engine: 'pglite',
        concurrency: CONCURRENCY,
        http,
        sql: {
          tool: 'in-process loop (PGlite has no pgbench)',
          transactionsPerSecond: Math.round(tps * 10) / 10,
          transactions,
          seconds: Math.round(seconds * 100) / 100,
          latencyAvgMs: Math.round((1000 / tps) * 100) / 100,
        },
        ratio: Math.round((http.okPerSecond / tps) * 1000) / 1000,
        servicePoints: clients.map((c) => c.sp),
      };
    } finally {
      await database.close();
    }
  } finally {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const results: IntakeEngineResult[] = [];
for (const engine of ENGINES) {
  process.stdout.write(
    `intake on ${engine}: ${WARMUP} s warm-up + ${SECONDS} s at concurrency ${CONCURRENCY}…\n`,
  );
  const r = engine === 'pg' ? await runPg() : await runPglite();
  results.push(r);
  process.stdout.write(
    `${r.rounds ? `  turns (HTTP/SQL per s): ${r.rounds.map((t) => `${t.httpPerSecond}/${t.sqlPerSecond}`).join(', ')}\n` : ''}  HTTP ${r.http.okPerSecond}/s (p50 ${r.http.latencyMs.p50} ms, p99 ${r.http.latencyMs.p99} ms, errors ${r.http.errors}); SQL ${r.sql.transactionsPerSecond}/s; ratio ${(r.ratio * 100).toFixed(1)}%\n`,
  );
}
writeFileSync(
  new URL('./results/intake.json', import.meta.url),
  `${JSON.stringify({ benchmark: 'intake', generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', targetRatio: TARGET_RATIO, warmupSeconds: WARMUP, seconds: SECONDS, results }, null, 2)}\n`,
);
