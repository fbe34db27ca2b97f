/**
 * Public status lookup: p50/p99 at a fixed request rate (open loop) with 1,000,000 dossiers in the
 * PostgreSQL server database, random existing codes.
 *
 *   npx tsx bench/lookup.bench.ts          (BENCH_LOOKUP_DOSSIERS, BENCH_LOOKUP_RATE, BENCH_SECONDS)
 *
 * The public dossier lookup (code + the token printed on the receipt, Mẫu 01) is looked for in the
 * app's routes: a public GET route under /api/ whose path names dossiers or a lookup and takes a
 * code. Until it exists, bench/results/lookup.json says "not available yet". When it does, the
 * dossiers are copied from one taken in through the API (so their rows are the app's own), each
 * with the token `tok-<n>` (its SHA-256 stored, as the app stores it), and the route is called as
 * `<route>?token=tok-<n>`; a route with another contract is reported as not recognised.
 */
import { randomBytes } from 'node:crypto';
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
import { openLoop } from './lib/http-load.ts';
import { copyDossiers } from './lib/load-dossiers.ts';

const DOSSIERS = Number(process.env.BENCH_LOOKUP_DOSSIERS ?? 1_000_000);
const RATE = Number(process.env.BENCH_LOOKUP_RATE ?? 200);
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
      `${route.replace(':code', `LKP-${String(n).padStart(7, '0')}`)}?token=tok-${n}`;
    const probe = await call(base, 'GET', path(1));
    if (probe.status !== 200) {
      write({
        available: true,
        recognised: false,
        route,
        note: `route exists but answered ${probe.status} to ${path(1)}: wire its contract into bench/lookup.bench.ts`,
      });
    } else {
      const result = await openLoop({
        baseUrl: base,
        rate: RATE,
        warmupSeconds: 5,
        seconds: SECONDS,
        next: () => ({
          method: 'GET',
          path: path(1 + Math.floor(Math.random() * DOSSIERS)),
          headers: { accept: 'application/json' },
        }),
      });
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
