/**
 * Public status lookup: p50/p99 at a fixed request rate with 1,000,000 dossiers in the PostgreSQL
 * server database, random existing codes. The load generator is an open loop at a fixed rate (each
 * latency counted from when the request was due, so queueing is not hidden: coordinated omission);
 * target p99 < 20 ms at 1,000 requests/s.
 *
 *   npx tsx bench/lookup.bench.ts          (BENCH_LOOKUP_DOSSIERS, BENCH_LOOKUP_RATE, BENCH_SECONDS)
 *
 * The child server runs with MOTCUA_RATE_LIMIT_PUBLIC=1000000 per minute (test/proof/support/
 * child-server.ts), so 1,000/s from one IP is not limited; every lookup uses a valid token, so no
 * failure is counted against a code (MOTCUA_RATE_LIMIT_LOOKUP_PER_CODE applies to failed phone-digit
 * attempts only). The 1-minute load average at the start and end of the measured run is recorded:
 * the PostgreSQL server and the 2 cores may be shared with other work.
 *
 * The public dossier lookup (code + the token printed on the receipt, Mẫu 01) is looked for in the
 * app's routes: a public GET route under /api/ whose path names dossiers or a lookup and takes a
 * code. Until it exists, bench/results/lookup.json says "not available yet". When it does, the
 * dossiers are copied from one taken in through the API (so their rows are the app's own), each
 * with the token `tok-<n as 16 digits>` (its SHA-256 stored, as the app stores it) and a copy of the
 * template's events, and the route is called as `<route>?token=…`; a route with another contract is
 * reported as not recognised.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/adapters/db/database.ts';
import { FakeClock } from '../src/kernel/clock.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import {
  call,
  CHILD_ADMIN_PASSWORD,
  login,
  publishProcedure,
  startChildServer,
  type ChildServer,
} from '../test/proof/support/child-server.ts';
import { intakeBody, procedureVersion } from '../test/dossiers/builders.ts';
import { benchServerUrl } from './lib/server-url.ts';
import { copyDossiers, lookupPath } from './lib/load-dossiers.ts';
import { openLoopInOwnProcess } from './lib/generator-process.ts';

const DOSSIERS = Number(process.env.BENCH_LOOKUP_DOSSIERS ?? 1_000_000);
const RATE = Number(process.env.BENCH_LOOKUP_RATE ?? 1_000);
const TARGET_P99_MS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN_URL = benchServerUrl();
const out = new URL('./results/lookup.json', import.meta.url);

function write(result: Record<string, unknown>): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'public-lookup', generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, ...result }, null, 2)}\n`,
  );
}

/**
 * Gives every copied dossier the template's events (its timeline), so the lookup reads real event
 * rows through dossier_event_seq_uq rather than an empty timeline. In batches of codes.
 */
async function copyEvents(client: pg.Client, templateCode: string, count: number): Promise<number> {
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await client.query(
      `insert into dossier_event (dossier_id, seq, type, at, actor_id, actor_label, actor_name, data)
       select c.id, e.seq, e.type, e.at, e.actor_id, e.actor_label, e.actor_name, e.data
       from generate_series($1::int, $2::int) g
       join dossier c on c.code = 'LKP-' || lpad(g::text, 7, '0')
       cross join dossier t
       join dossier_event e on e.dossier_id = t.id
       where t.code = $3`,
      [from, to, templateCode],
    );
  }
  await client.query('analyze dossier_event');
  const { rows } = await client.query<{ n: number }>(
    'select count(*)::int as n from dossier_event e join dossier t on t.id = e.dossier_id where t.code = $1',
    [templateCode],
  );
  return rows[0]?.n ?? 0;
}

/** The public lookup route, if the app has one. */
async function findRoute(): Promise<string | undefined> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const app = await buildApp({
      database,
      clock: new FakeClock('2026-03-02T02:00:00Z'),
      config: { ...loadConfig({}), demo: false },
      logger: false,
    });
    const route = app.services.routes.find(
      (r) =>
        r.method === 'GET' &&
        r.permission === 'public' &&
        r.url.startsWith('/api/') &&
        /:code\b/.test(r.url) &&
        /(lookup|public\/dossiers|status|tra-cuu)/.test(r.url),
    );
    await app.close();
    return route?.url;
  } finally {
    await database.close();
  }
}

const route = await findRoute();
if (!route) {
  write({
    available: false,
    note: 'not available yet: no public dossier lookup route (GET /api/…/:code, public) in the app',
  });
  process.stdout.write('public lookup: not available yet\n');
} else {
  const name = `motcua_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let server: ChildServer | undefined;
  try {
    server = await startChildServer({ databaseUrl: url.toString(), env: { LOG_LEVEL: 'warn' } });
    const base = server.baseUrl;
    await publishProcedure(base, await login(base, 'admin', CHILD_ADMIN_PASSWORD), procedureVersion());
    const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
    const first = await call(base, 'POST', '/api/v1/dossiers', { token: clerk, body: intakeBody() });
    if (first.status !== 201)
      throw new Error(`intake for the template failed: ${first.status} ${first.body}`);
    const template = first.json<{ code: string }>().code;
    const client = new pg.Client({ connectionString: url.toString() });
    // A dropped connection fails the running query (and the finally below cleans up), not the process.
    client.on('error', () => undefined);
    await client.connect();
    const started = Date.now();
    await copyDossiers(client, template, DOSSIERS);
    const eventsPerDossier = await copyEvents(client, template, DOSSIERS);
    const loadSeconds = Math.round((Date.now() - started) / 100) / 10;
    // A database that grew over months has been vacuumed and checkpointed; one loaded a second ago
    // has not, and autovacuum would scan the million new rows during the measured run.
    await client.query('vacuum (analyze) dossier, dossier_event');
    await client.query('checkpoint').catch(() => undefined); // needs a superuser (or pg_checkpoint)
    await client.end();
    const path = (n: number) => lookupPath(route, n);
    const probe = await call(base, 'GET', path(1));
    if (probe.status !== 200) {
      write({
        available: true,
        recognised: false,
        route,
        note: `route exists but answered ${probe.status} to ${path(1)}: wire its contract into bench/lookup.bench.ts`,
      });
    } else {
      // A short warm-up (JIT, pool, caches), then the measured run: an open loop, one request due
      // every 1/RATE s whatever the answers (latency from the due time), on the lean keep-alive
      // client (bench/lib/raw-http.ts), in a process of its own (generator-process.ts): pauses of
      // this process, which holds the set-up's leftovers, would count as the server's latency.
      // autocannon's overallRate sent each second's requests in bursts, and the queue of a burst,
      // not the server, made its percentiles.
      const loadBefore = loadavg()[0]!;
      const run = await openLoopInOwnProcess({
        baseUrl: base,
        rate: RATE,
        warmupSeconds: 5,
        seconds: SECONDS,
        maxInFlight: 64,
        requests: {
          module: new URL('./lib/load-dossiers.ts', import.meta.url).href,
          name: 'lookupRequests',
          args: { route, dossiers: DOSSIERS },
        },
      });
      const loadAfter = loadavg()[0]!;
      const result = {
        tool: `open loop at ${RATE}/s on keep-alive sockets (bench/lib/http-load.ts), up to 64 connections, in its own process`,
        requests: run.requests,
        ok: run.ok,
        errors: run.errors,
        statuses: run.statuses,
        late: run.late,
        seconds: SECONDS,
        okPerSecond: run.okPerSecond,
        latencyMs: run.latencyMs,
        targetP99Ms: TARGET_P99_MS,
        met: run.latencyMs.p99 < TARGET_P99_MS && run.errors === 0 && run.okPerSecond >= RATE * 0.95,
        loadAverage1m: {
          atStart: Math.round(loadBefore * 100) / 100,
          atEnd: Math.round(loadAfter * 100) / 100,
        },
      };
      write({
        available: true,
        recognised: true,
        route,
        dossiers: DOSSIERS,
        eventsPerDossier,
        loadSeconds,
        rate: RATE,
        result,
      });
      process.stdout.write(
        `public lookup at ${RATE}/s over ${DOSSIERS} dossiers: p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.okPerSecond}/s answered (load average ${result.loadAverage1m.atStart} → ${result.loadAverage1m.atEnd})\n`,
      );
    }
  } finally {
    await server?.kill9();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
