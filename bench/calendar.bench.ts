/**
 * Benchmark of the deadline engine: computations per second of the indexed engine vs the naive
 * minute-by-minute reference, for 1, 10 and 60 working days.
 *
 *   npx tsx bench/calendar.bench.ts
 *
 * Writes bench/results/calendar.json and prints a markdown table. Receipt instants are whole
 * minutes drawn with a fixed-seed PRNG over 2024-01-01..2026-12-31, so runs are comparable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeDeadline, createCalendar, SHIPPED_YEARS } from '../src/kernel/calendar/index.ts';
import { naiveDue } from '../src/kernel/calendar/naive-reference.ts';

const cal = createCalendar({ years: SHIPPED_YEARS });
const DAYS = [1, 10, 60] as const;
const FIRST = Date.UTC(2023, 11, 31, 17) / 60_000; // 2024-01-01 00:00 +07
const LAST = Date.UTC(2026, 11, 31, 17) / 60_000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20260213);
const receipts = Array.from(
  { length: 1 << 16 },
  () => Math.floor(FIRST + random() * (LAST - FIRST)) * 60_000,
);

interface Row {
  engine: 'indexed' | 'naive';
  workingDays: number;
  iterations: number;
  elapsedMs: number;
  opsPerSecond: number;
}

/** Runs `fn` over the receipts for at least `minMs` (after a warm-up) and returns ops/second. */
function measure(
  fn: (t: number) => number | null,
  minMs: number,
  warmup: number,
): Omit<Row, 'engine' | 'workingDays'> {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn(receipts[i % receipts.length] as number) ?? 0;
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) {
      sink += fn(receipts[(iterations + i) % receipts.length] as number) ?? 0;
    }
    iterations += 1000;
    elapsed = performance.now() - start;
  }
  if (sink === 42) console.log('');
  return {
    iterations,
    elapsedMs: Math.round(elapsed),
    opsPerSecond: Math.round((iterations / elapsed) * 1000),
  };
}

function measureNaive(workingDays: number, minMs: number): Omit<Row, 'engine' | 'workingDays'> {
  const minutes = workingDays * 480;
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    naiveDue(cal, receipts[iterations % receipts.length] as number, minutes);
    iterations++;
    elapsed = performance.now() - start;
  }
  return {
    iterations,
    elapsedMs: Math.round(elapsed),
    opsPerSecond: Math.round((iterations / elapsed) * 1000),
  };
}

const rows: Row[] = [];
for (const workingDays of DAYS) {
  const duration = { value: workingDays, unit: 'working_days' } as const;
  const indexed = measure(
    (t) => {
      const r = computeDeadline(cal, { receivedAt: t, duration });
      return r.ok ? r.value.due : null;
    },
    1500,
    200_000,
  );
  rows.push({ engine: 'indexed', workingDays, ...indexed });
  rows.push({ engine: 'naive', workingDays, ...measureNaive(workingDays, 1500) });
}

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'results', 'calendar.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'calendar.computeDeadline (working_days, no suspension, official 2024–2026 data)',
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      target: { indexedOpsPerSecond: 500_000 },
      results: rows,
    },
    null,
    2,
  )}\n`,
);

const fmt = (n: number): string => n.toLocaleString('en-US');
console.log('| engine | working days | ops/s | iterations | ms |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.engine} | ${r.workingDays} | ${fmt(r.opsPerSecond)} | ${fmt(r.iterations)} | ${fmt(r.elapsedMs)} |`,
  );
}
for (const d of DAYS) {
  const a = rows.find((r) => r.engine === 'indexed' && r.workingDays === d);
  const b = rows.find((r) => r.engine === 'naive' && r.workingDays === d);
  if (a && b) console.log(`speed-up at ${d} wd: ×${fmt(Math.round(a.opsPerSecond / b.opsPerSecond))}`);
}
console.log(`written ${out}`);
