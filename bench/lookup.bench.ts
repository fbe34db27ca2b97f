/**
 * Public status lookup: p50/p99 at a fixed request rate with 1,000,000 dossiers in the PostgreSQL
 * server database, random existing codes. The load generator is autocannon at a fixed overall rate
 * (its latencies are corrected for coordinated omission); target p99 < 20 ms at 1,000 requests/s.
 *
 *   npx tsx bench/lookup.bench.ts          (BENCH_LOOKUP_DOSSIERS, BENCH_LOOKUP_RATE, BENCH_SECONDS)
 *
 * The public dossier lookup (code + the token printed on the receipt, Mẫu 01) is looked for in the
 * app's routes: a public GET route under /api/ whose path names dossiers or a lookup and takes a
 * code. Until it exists, bench/results/lookup.json says "not available yet". When it does, the
 * dossiers are copied from one taken in through the API (so their rows are the app's own), each
 * with the token `tok-<n as 16 digits>` (its SHA-256 stored, as the app stores it), and the route is
 * called as `<route>?token=…`; a route with another contract is reported as not recognised.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
import autocannon from 'autocannon';
import { copyDossiers, lookupToken } from './lib/load-dossiers.ts';

const DOSSIERS = Number(process.env.BENCH_LOOKUP_DOSSIERS ?? 1_000_000);
const RATE = Number(process.env.BENCH_LOOKUP_RATE ?? 1_000);
const TARGET_P99_MS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN_URL = process.env.MOTCUA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const out = new URL('./results/lookup.json', import.meta.url);

function write(result: Record<string, unknown>): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'public-lookup', generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, ...result }, null, 2)}\n`,
  );
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
    await client.connect();
    const started = Date.now();
    await copyDossiers(client, template, DOSSIERS);
    const loadSeconds = Math.round((Date.now() - started) / 100) / 10;
    await client.end();
    const path = (n: number) =>
      `${route.replace(':code', `LKP-${String(n).padStart(7, '0')}`)}?token=${lookupToken(n)}`;
    const probe = await call(base, 'GET', path(1));
    if (probe.status !== 200) {
      write({
        available: true,
        recognised: false,
        route,
        note: `route exists but answered ${probe.status} to ${path(1)}: wire its contract into bench/lookup.bench.ts`,
      });
    } else {
      // A short warm-up (JIT, pool, caches), then the measured run.
      const load = (seconds: number) =>
        autocannon({
          url: base,
          connections: 32,
          overallRate: RATE,
          duration: seconds,
          requests: [
            {
              method: 'GET',
              headers: { accept: 'application/json' },
              setupRequest: (req) => ({ ...req, path: path(1 + Math.floor(Math.random() * DOSSIERS)) }),
            },
          ],
        });
      await load(5);
      const run = await load(SECONDS);
      const ok = run['2xx'];
      const result = {
        tool: `autocannon ${(createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version}, 32 connections, overallRate ${RATE}/s`,
        requests: run.requests.total,
        ok,
        errors: run.errors + run.timeouts + run.non2xx,
        statuses: { '2xx': ok, non2xx: run.non2xx, errors: run.errors, timeouts: run.timeouts },
        seconds: SECONDS,
        okPerSecond: Math.round((ok / SECONDS) * 10) / 10,
        latencyMs: {
          p50: run.latency.p50,
          p90: run.latency.p90,
          p99: run.latency.p99,
          max: run.latency.max,
          mean: run.latency.average,
        },
        targetP99Ms: TARGET_P99_MS,
        met: run.latency.p99 < TARGET_P99_MS && run.non2xx === 0 && ok / SECONDS >= RATE * 0.95,
      };
      write({
        available: true,
        recognised: true,
        route,
        dossiers: DOSSIERS,
        loadSeconds,
        rate: RATE,
        result,
      });
      process.stdout.write(
        `public lookup at ${RATE}/s over ${DOSSIERS} dossiers: p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms\n`,
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
