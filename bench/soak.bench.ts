/**
 * Soak: mixed load at a fixed request rate for minutes — counter intakes, dossier actions (forward),
 * public status lookups (code + QR token) and reports — against MotCua as a real process on the
 * PostgreSQL server. Passes when there are zero errors, p99 stays bounded (every 30-second window
 * under MOTCUA_SOAK_P99_BOUND_MS, and the last window no worse than twice the first: latency does not
 * creep up), and memory is flat: RSS sampled from /metrics every 2 s after warm-up, the median of
 * the last third of the run against the first third; and the live heap — what survives a full
 * garbage collection, asked for by signal every few seconds (bench/lib/live-heap-probe.ts, loaded
 * into the server for the soak only) — likewise. The heap sampled between collections is reported
 * too (its floor per third), but not judged: in a one-minute run V8 may not collect the old
 * generation at all, and that floor then rises with garbage nobody has looked at yet.
 *
 *   npx tsx bench/soak.bench.ts                         (1 minute: part of `npm run bench`)
 *   MOTCUA_SOAK_MINUTES=10 npx tsx bench/soak.bench.ts  (the 10-minute soak)
 *
 * MOTCUA_SOAK_RATE (requests/s, default 40). Writes bench/results/soak.json. Needs the PostgreSQL
 * server of the tests (MOTCUA_BENCH_DATABASE_URL); a fresh database is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
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
import { percentiles, send, type LoadRequest, type Percentiles } from './lib/http-load.ts';
import { benchServerUrl } from './lib/server-url.ts';
import { liveHeap, LIVE_HEAP_PROBE } from './lib/live-heap.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTES = Number(process.env.MOTCUA_SOAK_MINUTES ?? 1);
const RATE = Number(process.env.MOTCUA_SOAK_RATE ?? 40);
const WARMUP_SECONDS = 10;
const SAMPLE_SECONDS = 2;
const ADMIN_URL = benchServerUrl();
/** Bounded p99: no window's p99 above this (ms; a shared 2-core machine), nor creeping up. */
const P99_BOUND_MS = Number(process.env.MOTCUA_SOAK_P99_BOUND_MS ?? 1_000);
const WINDOW_SECONDS = 30;
/** Flat memory: the last third's median at most this much above the first third's (ratio). */
const MEMORY_GROWTH_BOUND = 1.25;
/** How often the live heap is measured (each time a full collection in the server: a short pause). */
const LIVE_HEAP_SECONDS = MINUTES <= 2 ? 8 : 15;

type Op = 'intake' | 'action' | 'lookup' | 'report';
/** The mix: per 20 requests, 5 intakes, 4 actions, 8 lookups, 3 reports. */
const MIX: readonly Op[] = [
  ...Array<Op>(5).fill('intake'),
  ...Array<Op>(4).fill('action'),
  ...Array<Op>(8).fill('lookup'),
  ...Array<Op>(3).fill('report'),
];

interface Sample {
  readonly atSeconds: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

async function memory(base: string): Promise<{ rss: number; heap: number }> {
  const text = (await call(base, 'GET', '/metrics', { headers: { accept: 'text/plain' } })).body;
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rss: value('motcua_process_resident_memory_bytes'),
    heap: value('motcua_process_heap_used_bytes'),
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

const name = `motcua_soak_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${name}`;
let server: ChildServer | undefined;
let exitCode = 0;
const probeDir = mkdtempSync(join(tmpdir(), 'motcua-soak-'));
const liveHeapFile = join(probeDir, 'live-heap.json');
try {
  server = await startChildServer({
    databaseUrl: dbUrl.toString(),
    env: { LOG_LEVEL: 'warn', MOTCUA_BENCH_LIVE_HEAP_FILE: liveHeapFile },
    preload: [LIVE_HEAP_PROBE],
  });
  const serverPid = server.pid;
  const base = server.baseUrl;
  const adminToken = await login(base, 'admin', CHILD_ADMIN_PASSWORD);
  await publishProcedure(base, adminToken, procedureVersion());
  const clerk = await login(base, 'demo.clerk', DEMO_PASSWORD);
  const manager = await login(base, 'demo.manager', DEMO_PASSWORD);
  const period = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
  const probe = await call(base, 'GET', `/api/v1/reports/monthly?period=${period}`, { token: manager });
  const reportPath =
    probe.status === 200 ? `/api/v1/reports/monthly?period=${period}` : '/api/v1/dossiers?pageSize=20';

  /** Dossiers taken in by the soak: code, lookup token, version; `received` ones can be forwarded. */
  const dossiers: { code: string; token: string; version: number; forwarded: boolean }[] = [];
  const toForward: number[] = [];
  const body = JSON.stringify(intakeBody());
  const json = { 'content-type': 'application/json', accept: 'application/json' };

  const requestFor = (op: Op): { op: Op; req: LoadRequest; index?: number } => {
    if (op === 'action' && toForward.length > 0) {
      const index = toForward.shift() as number;
      const d = dossiers[index] as (typeof dossiers)[number];
      return {
        op,
        index,
        req: {
          method: 'POST',
          path: `/api/v1/dossiers/${encodeURIComponent(d.code)}/actions`,
          headers: { ...json, authorization: `Bearer ${clerk}` },
          body: JSON.stringify({ action: 'forward', version: d.version }),
        },
      };
    }
    if (op === 'lookup' && dossiers.length > 0) {
      const d = dossiers[Math.floor(Math.random() * dossiers.length)] as (typeof dossiers)[number];
      return {
        op,
        req: {
          method: 'GET',
          path: `/api/v1/public/dossiers/${encodeURIComponent(d.code)}?token=${encodeURIComponent(d.token)}`,
          headers: { accept: 'application/json' },
        },
      };
    }
    if (op === 'report')
      return {
        op,
        req: {
          method: 'GET',
          path: reportPath,
          headers: { accept: 'application/json', authorization: `Bearer ${manager}` },
        },
      };
    return {
      op: 'intake',
      req: {
        method: 'POST',
        path: '/api/v1/dossiers',
        headers: { ...json, authorization: `Bearer ${clerk}` },
        body,
      },
    };
  };

  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const totalSeconds = WARMUP_SECONDS + MINUTES * 60;
  const total = Math.round(RATE * totalSeconds);
  const latencies = new Map<Op, number[]>();
  const perWindow: number[][] = Array.from(
    { length: Math.max(1, Math.ceil((MINUTES * 60) / WINDOW_SECONDS)) },
    () => [],
  );
  const loadAtStart = loadavg()[0] ?? 0;
  const statuses: Record<string, Record<string, number>> = {};
  const errors: string[] = [];
  const samples: Sample[] = [];
  const start = performance.now();
  let late = 0;
  const sampler = setInterval(() => {
    void memory(base).then((m) =>
      samples.push({
        atSeconds: Math.round((performance.now() - start) / 100) / 10,
        rssMb: mb(m.rss),
        heapMb: mb(m.heap),
      }),
    );
  }, SAMPLE_SECONDS * 1000);
  const liveSamples: { atSeconds: number; liveHeapMb: number }[] = [];
  let measuringLive = false;
  let liveHeapFailures = 0;
  const liveSampler = setInterval(() => {
    if (measuringLive) return;
    measuringLive = true;
    const atSeconds = Math.round((performance.now() - start) / 100) / 10;
    // A probe that does not answer fails the memory check; it must not end the run unreported.
    void liveHeap(serverPid, liveHeapFile)
      .then((bytes) => liveSamples.push({ atSeconds, liveHeapMb: mb(bytes) }))
      .catch(() => (liveHeapFailures += 1))
      .finally(() => (measuringLive = false));
  }, LIVE_HEAP_SECONDS * 1000);
  const pending: Promise<void>[] = [];
  process.stdout.write(`soak: ${MINUTES} min at ${RATE} requests/s (+${WARMUP_SECONDS} s warm-up)…\n`);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -50) late += 1;
    const { op, req, index } = requestFor(MIX[i % MIX.length] as Op);
    pending.push(
      send(base, agent, req).then(({ status, body: answer }) => {
        const ms = performance.now() - due;
        const measured = due - start >= WARMUP_SECONDS * 1000;
        const byOp = (statuses[op] ??= {});
        byOp[String(status)] = (byOp[String(status)] ?? 0) + 1;
        if (status < 200 || status >= 300) {
          if (errors.length < 20) errors.push(`${op} ${req.path} → ${status} ${answer.slice(0, 200)}`);
        } else if (op === 'intake') {
          const r = JSON.parse(answer) as { code: string; lookupToken: string; version: number };
          dossiers.push({ code: r.code, token: r.lookupToken, version: r.version, forwarded: false });
          toForward.push(dossiers.length - 1);
        } else if (op === 'action' && index !== undefined) {
          const d = dossiers[index] as (typeof dossiers)[number];
          d.forwarded = true;
        }
        if (!measured) return;
        (latencies.get(op) ?? latencies.set(op, []).get(op))?.push(ms);
        const window = Math.floor((due - start) / 1000 / WINDOW_SECONDS - WARMUP_SECONDS / WINDOW_SECONDS);
        perWindow[Math.max(0, Math.min(perWindow.length - 1, window))]?.push(ms);
      }),
    );
  }
  await Promise.all(pending);
  clearInterval(sampler);
  clearInterval(liveSampler);
  agent.destroy();

  const all = [...latencies.values()].flat();
  const requests = Object.values(statuses).reduce(
    (s, byOp) => s + Object.values(byOp).reduce((a, b) => a + b, 0),
    0,
  );
  const errorCount = Object.values(statuses).reduce(
    (s, byOp) =>
      s + Object.entries(byOp).reduce((a, [k, v]) => a + (Number(k) >= 200 && Number(k) < 300 ? 0 : v), 0),
    0,
  );
  const steady = samples.filter((s) => s.atSeconds >= WARMUP_SECONDS);
  const third = Math.max(1, Math.floor(steady.length / 3));
  const first = steady.slice(0, third);
  const last = steady.slice(-third);
  const steadyLive = liveSamples.filter((s) => s.atSeconds >= WARMUP_SECONDS);
  const liveThird = Math.max(1, Math.floor(steadyLive.length / 3));
  const growth = {
    rss: median(last.map((s) => s.rssMb)) / median(first.map((s) => s.rssMb)),
    liveHeap:
      median(steadyLive.slice(-liveThird).map((s) => s.liveHeapMb)) /
      median(steadyLive.slice(0, liveThird).map((s) => s.liveHeapMb)),
    heapFloor: Math.min(...last.map((s) => s.heapMb)) / Math.min(...first.map((s) => s.heapMb)),
  };
  const windowP99 = perWindow.map((xs) => percentiles(xs).p99);
  const checks = {
    zeroErrors: errorCount === 0,
    p99Bounded:
      windowP99.every((p) => p <= P99_BOUND_MS) &&
      (windowP99.length < 2 || (windowP99.at(-1) ?? 0) <= 2 * (windowP99[0] ?? 0)),
    // Two live-heap samples at least (a run too short to compare is not "flat").
    memoryFlat:
      steadyLive.length >= 2 &&
      liveHeapFailures === 0 &&
      growth.rss <= MEMORY_GROWTH_BOUND &&
      growth.liveHeap <= MEMORY_GROWTH_BOUND,
  };
  const result = {
    benchmark: 'soak',
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    minutes: MINUTES,
    rate: RATE,
    warmupSeconds: WARMUP_SECONDS,
    mix: { intake: 5, action: 4, lookup: 8, report: 3, of: 20 },
    reportPath,
    requests,
    errors: errorCount,
    firstErrors: errors,
    late,
    statuses,
    latencyMs: percentiles(all),
    latencyByOpMs: Object.fromEntries([...latencies].map(([op, xs]) => [op, percentiles(xs)])),
    windowSeconds: WINDOW_SECONDS,
    p99ByWindowMs: windowP99,
    p99BoundMs: P99_BOUND_MS,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    memory: {
      samples,
      liveHeapSamples: liveSamples,
      liveHeapFailures,
      growth: {
        rss: Math.round(growth.rss * 1000) / 1000,
        liveHeap: Math.round(growth.liveHeap * 1000) / 1000,
        heapFloor: Math.round(growth.heapFloor * 1000) / 1000,
      },
      bound: MEMORY_GROWTH_BOUND,
    },
    dossiers: dossiers.length,
    forwarded: dossiers.filter((d) => d.forwarded).length,
    checks,
    passed: checks.zeroErrors && checks.p99Bounded && checks.memoryFlat,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/soak.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  const overall: Percentiles = result.latencyMs;
  process.stdout.write(
    `soak: ${requests} requests, ${errorCount} errors, p50 ${overall.p50} ms, p99 ${overall.p99} ms; ` +
      `p99 per ${WINDOW_SECONDS} s ${windowP99.join(', ')} ms; RSS ×${result.memory.growth.rss}, live heap ×${result.memory.growth.liveHeap} ` +
      `(last third vs first) → ${result.passed ? 'passed' : 'FAILED'}\n`,
  );
  if (errors.length > 0) process.stdout.write(`first errors:\n  ${errors.join('\n  ')}\n`);
} catch (error) {
  exitCode = 1;
  process.stderr.write(`soak failed: ${String(error instanceof Error ? error.stack : error)}\n`);
  if (server) process.stderr.write(server.output().slice(-4000));
} finally {
  await server?.kill9();
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
  rmSync(probeDir, { recursive: true, force: true });
}
process.exit(exitCode);
