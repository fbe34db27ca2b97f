/**
 * `npm run bench`: every benchmark in turn, each as its own process, then one summary.
 *
 *   calendar.bench.ts        deadline engine (computations per second)
 *   catalog-import.bench.ts  2,000-row XLSX import (runs catalog-search.bench.ts too)
 *   intake.bench.ts          intake over HTTP vs the same SQL (pgbench / in-process), PostgreSQL and PGlite
 *   lookup.bench.ts          public status lookup p50/p99 at a fixed rate over 1M dossiers (open loop)
 *   soak.bench.ts            mixed load at a fixed rate (1 min; MOTCUA_SOAK_MINUTES=10 for the full soak)
 *   reports.bench.ts         monthly report and 766 index from aggregates vs the naive scan
 *
 * Writes bench/results/*.json (each benchmark) and bench/results/summary.md, and refreshes the
 * table between the `bench:begin`/`bench:end` markers of README.md. Never part of `npm test`.
 * About 7 minutes on 2 cores (BENCH_SECONDS shortens the HTTP runs; BENCH_ONLY=intake,soak re-runs
 * only some, keeping the others' last results). A benchmark that fails is reported in the summary;
 * the others still run.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const results = (name: string) => here(`./results/${name}`);
mkdirSync(here('./results/'), { recursive: true });

interface Ran {
  readonly file: string;
  readonly ok: boolean;
  readonly seconds: number;
}

const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
const ran: Ran[] = [];
/** BENCH_ONLY=intake,soak re-runs only those benchmarks; the summary keeps the others' last results. */
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
function run(file: string): void {
  if (!existsSync(here(`./${file}`))) return;
  if (only.length > 0 && !only.some((name) => file.startsWith(`${name}.`))) return;
  process.stdout.write(`\n=== ${file}\n`);
  const t = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', here(`./${file}`)], {
    stdio: 'inherit',
    env: process.env,
  });
  ran.push({ file, ok: r.status === 0, seconds: Math.round((Date.now() - t) / 1000) });
}

run('calendar.bench.ts');
if (existsSync(here('./catalog-import.bench.ts'))) run('catalog-import.bench.ts');
else run('catalog-search.bench.ts');
run('intake.bench.ts');
run('lookup.bench.ts');
run('soak.bench.ts');
run('reports.bench.ts');

function read<T>(name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(results(name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

interface IntakeJson {
  targetRatio: number;
  seconds: number;
  results: {
    engine: 'pg' | 'pglite';
    concurrency: number;
    http: { okPerSecond: number; errors: number; latencyMs: { p50: number; p99: number } };
    sql: { tool: string; transactionsPerSecond: number };
    ratio: number;
  }[];
}
interface CalendarJson {
  target: { indexedOpsPerSecond: number };
  results: { engine: string; workingDays: number; opsPerSecond: number }[];
}
interface SearchJson {
  procedures: number;
  overallMs: { p50: number; p95: number; p99: number };
  targetP95Ms: number;
}
interface ImportJson {
  procedures: number;
  targetMs: number;
  runs: { run: number; totalMs: number }[];
  serviceSearchMs: { p50: number; p95: number };
}
interface SoakJson {
  minutes: number;
  rate: number;
  requests: number;
  errors: number;
  latencyMs: { p50: number; p99: number };
  windowSeconds: number;
  p99ByWindowMs: number[];
  loadAverage: { start: number; end: number };
  p99BoundMs: number;
  memory: { growth: { rss: number; liveHeap: number; heapFloor: number }; bound: number };
  passed: boolean;
}
interface LookupJson {
  available: boolean;
  recognised?: boolean;
  note?: string;
  dossiers?: number;
  rate?: number;
  result?: { okPerSecond: number; latencyMs: { p50: number; p99: number }; errors: number; met?: boolean };
}

const rows: string[][] = [];
const mark = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? '✓' : '✗');
const fmt = (n: number) => n.toLocaleString('en-US');
const failed = (file: string) => ran.find((r) => r.file === file && !r.ok);

const intake = read<IntakeJson>('intake.json');
for (const engine of ['pg', 'pglite'] as const) {
  const r = intake?.results.find((x) => x.engine === engine);
  const label =
    engine === 'pg' ? 'Intake over HTTP, PostgreSQL 15 server' : 'Intake over HTTP, PGlite (embedded)';
  if (!r) {
    rows.push([label, failed('intake.bench.ts') ? 'failed (see the log)' : 'not run', '', '']);
    continue;
  }
  rows.push([
    `${label}, ${r.concurrency} clients`,
    `${fmt(r.http.okPerSecond)} intakes/s (p50 ${r.http.latencyMs.p50} ms, p99 ${r.http.latencyMs.p99} ms${r.http.errors ? `, ${r.http.errors} errors` : ''}) = **${(r.ratio * 100).toFixed(0)}%** of ${fmt(r.sql.transactionsPerSecond)}/s for the same SQL (${r.sql.tool})`,
    engine === 'pg' ? `≥ ${(intake?.targetRatio ?? 0.6) * 100}%` : '—',
    engine === 'pg' ? mark(r.ratio >= (intake?.targetRatio ?? 0.6)) : '—',
  ]);
}
const lookup = read<LookupJson>('lookup.json');
rows.push([
  'Public status lookup, 1M dossiers (PostgreSQL)',
  !lookup
    ? failed('lookup.bench.ts')
      ? 'failed (see the log)'
      : 'not run'
    : !lookup.available
      ? 'not available yet'
      : lookup.result
        ? `p50 ${lookup.result.latencyMs.p50} ms, p99 ${lookup.result.latencyMs.p99} ms at ${lookup.rate}/s (${fmt(lookup.result.okPerSecond)}/s answered${lookup.result.errors ? `, ${fmt(lookup.result.errors)} errors` : ''}) over ${fmt(lookup.dossiers ?? 0)} dossiers`
        : (lookup.note ?? 'route not recognised'),
  'p99 < 20 ms at 1,000/s',
  lookup?.result ? mark(lookup.result.met === true && (lookup.rate ?? 0) >= 1_000) : '—',
]);
const soak = read<SoakJson>('soak.json');
rows.push(
  soak
    ? [
        `Soak, ${soak.minutes} min mixed load at ${soak.rate}/s (PostgreSQL)`,
        `${fmt(soak.requests)} requests, ${soak.errors} errors; p50 ${soak.latencyMs.p50} ms, p99 ${soak.latencyMs.p99} ms; p99 per ${soak.windowSeconds} s ${soak.p99ByWindowMs.join(', ')} ms; RSS ×${soak.memory.growth.rss}, live heap ×${soak.memory.growth.liveHeap} (medians, last vs first third); load average ${soak.loadAverage.start.toFixed(1)}`,
        `0 errors, p99 ≤ ${fmt(soak.p99BoundMs)} ms and not creeping, memory ×≤ ${soak.memory.bound}`,
        mark(soak.passed),
      ]
    : ['Soak (mixed load)', failed('soak.bench.ts') ? 'failed (see the log)' : 'not run', '', ''],
);
interface ReportsJson {
  dossiers: number;
  targetP95Ms: number;
  aggregates: { monthly: { p95Ms: number }; index766: { p95Ms: number } };
  naiveScan: { p95Ms: number };
  equal: boolean;
}
const reportsBench = read<ReportsJson>('reports.json');
rows.push(
  reportsBench
    ? [
        `Monthly report and 766 index, ${fmt(reportsBench.dossiers)} dossiers (PostgreSQL)`,
        `aggregates p95 ${reportsBench.aggregates.monthly.p95Ms} ms / ${reportsBench.aggregates.index766.p95Ms} ms vs naive scan p95 ${reportsBench.naiveScan.p95Ms} ms; equal: ${reportsBench.equal ? 'yes' : 'NO'}`,
        `p95 < ${reportsBench.targetP95Ms} ms`,
        mark(
          reportsBench.equal &&
            Math.max(reportsBench.aggregates.monthly.p95Ms, reportsBench.aggregates.index766.p95Ms) <
              reportsBench.targetP95Ms,
        ),
      ]
    : [
        'Monthly report and 766 index',
        failed('reports.bench.ts') ? 'failed (see the log)' : 'not run',
        '',
        '',
      ],
);
const calendar = read<CalendarJson>('calendar.json');
if (calendar) {
  const indexed = calendar.results.filter((r) => r.engine === 'indexed');
  const worst = Math.min(...indexed.map((r) => r.opsPerSecond));
  rows.push([
    'Deadline engine (calendar)',
    indexed.map((r) => `${r.workingDays} d: ${fmt(r.opsPerSecond)}/s`).join(', '),
    `≥ ${fmt(calendar.target.indexedOpsPerSecond)}/s`,
    mark(worst >= calendar.target.indexedOpsPerSecond),
  ]);
}
const search = read<SearchJson>('catalog-search.json');
if (search)
  rows.push([
    `Catalog search, ${fmt(search.procedures)} procedures (index)`,
    `p50 ${search.overallMs.p50} ms, p95 ${search.overallMs.p95} ms, p99 ${search.overallMs.p99} ms`,
    `p95 < ${search.targetP95Ms} ms`,
    mark(search.overallMs.p95 < search.targetP95Ms),
  ]);
const imported = read<ImportJson>('catalog-import.json');
if (imported) {
  const worst = Math.max(...imported.runs.map((r) => r.totalMs));
  rows.push([
    `Catalog import, ${fmt(imported.procedures)}-row XLSX (PGlite)`,
    `${imported.runs.map((r) => `${fmt(r.totalMs)} ms${r.run === 1 ? ' (cold)' : ''}`).join(', ')}; search through the service p95 ${imported.serviceSearchMs.p95} ms`,
    `< ${fmt(imported.targetMs)} ms`,
    mark(worst < imported.targetMs),
  ]);
}

const postgres = (() => {
  try {
    return execFileSync('pgbench', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'pgbench not found';
  }
})();
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${postgres}; load average ${loadBefore.toFixed(1)} at start${only.length > 0 ? ` (this run: ${only.join(', ')} only; the other rows are from earlier runs)` : ''}`;
const table = [
  '| Benchmark | Result | Target | Met |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const summary = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in ${Math.round((Date.now() - started) / 1000)} s.
Machine: ${machine}.

${table}

${ran.map((r) => `- \`${r.file}\`: ${r.ok ? 'ok' : 'FAILED'} in ${r.seconds} s`).join('\n')}

Intake: \`POST /api/v1/dossiers\` at a fixed concurrency against MotCua as a process (\`src/main.ts\`,
production logging), compared in the same run with the same rows written by one SQL transaction
without MotCua (\`bench/lib/intake-sql.ts\`; the pgbench script is saved as
\`bench/results/intake.pgbench.sql\`). The load generator, MotCua and the database share the machine.
`;
writeFileSync(results('summary.md'), summary);
process.stdout.write(`\n${summary}`);

// README: the table between the markers, when they are there.
const readmePath = here('../README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- bench:begin -->';
const end = '<!-- bench:end -->';
if (readme.includes(begin) && readme.includes(end)) {
  const block = `${begin}\n${table}\n\nMachine: ${machine}. Details: [bench/results/summary.md](bench/results/summary.md).\n${end}`;
  writeFileSync(
    readmePath,
    readme.slice(0, readme.indexOf(begin)) + block + readme.slice(readme.indexOf(end) + end.length),
  );
}
process.exitCode = ran.every((r) => r.ok) ? 0 : 1;
