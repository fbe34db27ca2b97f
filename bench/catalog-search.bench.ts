/**
 * Catalog search benchmark: p50/p95/p99 latency of `searchCatalog` over 2,000 generated
 * procedures with a mix of queries (exact, unaccented, i/y variants, typos, codes, filters).
 *
 * Run: npx tsx bench/catalog-search.bench.ts
 * Writes bench/results/catalog-search.json and prints a markdown table. Target: p95 < 20 ms;
 * aim < 2 ms.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { generateCatalog } from '../src/modules/catalog/domain/generate.ts';
import {
  buildSearchIndex,
  searchCatalog,
  toSummary,
  type CatalogSearchQuery,
} from '../src/modules/catalog/domain/search.ts';

const COUNT = 2000;
const ROUNDS = 30;

const QUERIES: ReadonlyArray<{ readonly label: string; readonly query: CatalogSearchQuery }> = [
  { label: 'exact phrase', query: { text: 'Cấp giấy phép xây dựng' } },
  { label: 'unaccented', query: { text: 'giay phep xay dung' } },
  { label: 'i/y variant', query: { text: 'dang ki ket hon' } },
  { label: 'typo (transposition)', query: { text: 'khai sihn' } },
  { label: 'typo (substitution)', query: { text: 'giay phep lai xw' } },
  {
    label: 'long query',
    query: { text: 'cap doi giay chung nhan quyen su dung dat cho ho gia dinh ca nhan' },
  },
  { label: 'single common word', query: { text: 'cap' } },
  { label: 'code exact', query: { text: '9.001234.GEN' } },
  { label: 'code prefix', query: { text: '9.0012' } },
  { label: 'filters only', query: { filters: { level: 'district', oneStop: true } } },
  {
    label: 'text + filters',
    query: { text: 'ho tich', filters: { level: 'commune', online: ['full', 'partial'] } },
  },
  { label: 'page 5', query: { text: 'giay phep', page: 5, pageSize: 20 } },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const procedures = generateCatalog({ count: COUNT, seed: 20220 }).map(toSummary);
let t = performance.now();
const index = buildSearchIndex(procedures);
const buildMs = performance.now() - t;

// Warm up the JIT.
for (let i = 0; i < 5; i++) for (const q of QUERIES) searchCatalog(index, q.query);

const perQuery = QUERIES.map((q) => {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < ROUNDS; i++) {
    t = performance.now();
    total = searchCatalog(index, q.query).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    label: q.label,
    hits: total,
    p50: round3(percentile(times, 0.5)),
    p95: round3(percentile(times, 0.95)),
    times,
  };
});
const all = perQuery.flatMap((q) => q.times).sort((a, b) => a - b);
const overall = {
  p50: round3(percentile(all, 0.5)),
  p95: round3(percentile(all, 0.95)),
  p99: round3(percentile(all, 0.99)),
};

const result = {
  benchmark: 'catalog-search',
  procedures: COUNT,
  rounds: ROUNDS,
  node: process.version,
  indexBuildMs: round3(buildMs),
  overallMs: overall,
  targetP95Ms: 20,
  queries: perQuery.map(({ times: _times, ...rest }) => rest),
};

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/catalog-search.json', import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);

console.log(
  `Catalog search over ${COUNT} generated procedures (${ROUNDS} runs per query, index built in ${result.indexBuildMs} ms)\n`,
);
console.log('| Query | Hits | p50 (ms) | p95 (ms) |');
console.log('|---|---:|---:|---:|');
for (const q of result.queries) console.log(`| ${q.label} | ${q.hits} | ${q.p50} | ${q.p95} |`);
console.log(`| **all** | | **${overall.p50}** | **${overall.p95}** (p99 ${overall.p99}) |`);
if (overall.p95 >= result.targetP95Ms) {
  console.error(`p95 ${overall.p95} ms exceeds the ${result.targetP95Ms} ms target`);
  process.exitCode = 1;
}
