/**
 * Property test of the report store in the database (issue #8, acceptance 1 and §7): random dossier
 * histories at three service points (two districts), two fields and both channels are driven through
 * the real lifecycle, and every change is applied to `report_fact` / `report_checkpoint` in its own
 * transaction (`applyDossierChange`, what DossierService calls). Checkpoints are created before the
 * histories (so that changes dated before them must update them) and after. Then:
 *
 * - the incremental store equals a full recomputation (`rebuildFacts`, what `rebuild()` runs);
 * - the sums read from it — flows of a period, stocks at its opening and closing cut-offs (from a
 *   checkpoint plus a partial month), for every unit scope and grouping — equal the naive
 *   per-dossier definitions (domain/naive.ts) on the dossiers of that scope and group.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/adapters/db/database.ts';
import { formatDayNumber, parseLocalDate } from '../../src/kernel/calendar/index.ts';
import type { Dossier } from '../../src/modules/dossiers/domain/types.ts';
import {
  GROUP_DIMS,
  type FlowMeasure,
  type GroupDim,
  type StockMeasure,
} from '../../src/modules/reports/domain/contributions.ts';
import { naiveFlows, naiveStocks, zeroFlows, zeroStocks } from '../../src/modules/reports/domain/naive.ts';
import { periodOf } from '../../src/modules/reports/domain/report.ts';
import * as repo from '../../src/modules/reports/reports.repository.ts';
import { applyDossierChange, rebuildFacts } from '../../src/modules/reports/reports.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { cal, dossierArb, replay } from './histories.ts';

const POINTS = [
  { code: 'SP1', unit: 'C1', ancestors: ['C1', 'D1', '52'] },
  { code: 'SP2', unit: 'C2', ancestors: ['C2', 'D1', '52'] },
  { code: 'SP3', unit: 'C3', ancestors: ['C3', 'D2', '52'] },
] as const;
const FIELDS = [
  { field: 'F1', agency: 'A1' },
  { field: 'F2', agency: 'A2' },
] as const;
const MONTHS = ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'];

let tdb: TestDatabase;
let database: Database;
beforeAll(async () => {
  tdb = await createTestDatabase();
  database = tdb.database;
});
afterAll(async () => tdb.destroy());

const specArb = fc.record({
  history: dossierArb,
  point: fc.integer({ min: 0, max: POINTS.length - 1 }),
  field: fc.integer({ min: 0, max: FIELDS.length - 1 }),
});

function placed(d: Dossier, point: number, field: number): Dossier {
  const p = POINTS[point] as (typeof POINTS)[number];
  const f = FIELDS[field] as (typeof FIELDS)[number];
  return {
    ...d,
    servicePoint: { ...d.servicePoint, code: p.code, unitCode: p.unit },
    unitCode: p.unit,
    unitAncestors: [...p.ancestors],
    agencyCode: f.agency,
    procedure: { ...d.procedure, field: f.field },
  };
}

const groupValue = (d: Dossier, dim: GroupDim): string =>
  ({
    all: '*',
    service_point: d.servicePoint.code,
    unit: d.unitCode,
    agency: d.agencyCode,
    field: d.procedure.field,
    channel: d.channel,
  })[dim];

function byValue(rows: readonly repo.SumRow[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.value) ?? {};
    m[r.measure] = (m[r.measure] ?? 0) + Number(r.n);
    out.set(r.value, m);
  }
  return out;
}

const nonZero = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).filter(([, n]) => n !== 0));

async function createCheckpoints(months: readonly string[]): Promise<void> {
  for (const m of months) await database.transaction((tx) => repo.createCheckpoint(tx, m));
}

describe('report store (cube + checkpoints) on random histories', () => {
  it('incremental = full recomputation = naive scan, for every scope and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 6 }),
        fc.subarray(MONTHS),
        fc.subarray(MONTHS),
        fc.constantFrom('2026-03', '2026-04', '2026-05'),
        fc.constantFrom(21, 15, 1),
        async (specs, before, after, month, cutoff) => {
          for (const table of ['report_fact', 'report_checkpoint', 'report_checkpoint_month'])
            await database.db.execute(sql`delete from ${sql.identifier(table)}`);
          await createCheckpoints(before);
          const dossiers: Dossier[] = [];
          for (const [i, s] of specs.entries()) {
            let prev: Dossier | null = null;
            const last = await replay(
              s.history,
              i,
              async (next) => {
                const b = prev;
                await database.transaction((tx) => applyDossierChange(tx, b, next, cal));
                prev = next;
              },
              (d) => placed(d, s.point, s.field),
            );
            dossiers.push(last);
          }
          await createCheckpoints(after);

          const incremental = (await repo.allFacts(database.db)).sort();
          await database.transaction((tx) =>
            rebuildFacts(
              tx,
              dossiers.map((d) => ({ d, cal })),
            ),
          );
          expect((await repo.allFacts(database.db)).sort()).toEqual(incremental);

          const p = periodOf(month, cutoff);
          const first = parseLocalDate(p.first);
          const last = parseLocalDate(p.last);
          const next = formatDayNumber(last + 1);
          const months = await repo.checkpointMonths(database.db);
          const baseOf = (day: string) => months.filter((m) => m <= day).at(-1) ?? null;
          for (const scope of ['*', '52', 'D1', 'C3'])
            for (const dim of GROUP_DIMS) {
              const [flows, carried, closing] = await Promise.all([
                repo.flowSums(database.db, { scope, dim, first: p.first, last: p.last }),
                repo.stockSums(database.db, { scope, dim, day: p.first, base: baseOf(p.first) }),
                repo.stockSums(database.db, { scope, dim, day: next, base: baseOf(next) }),
              ]);
              const inScope = dossiers.filter((d) => scope === '*' || d.unitAncestors.includes(scope));
              const values = new Set(inScope.map((d) => groupValue(d, dim)));
              const got = { flows: byValue(flows), carried: byValue(carried), closing: byValue(closing) };
              for (const v of [...got.flows.keys(), ...got.carried.keys(), ...got.closing.keys()])
                if (!values.has(v)) values.add(v);
              for (const v of values) {
                const mine = inScope.filter((d) => groupValue(d, dim) === v);
                const label = `${scope} ${dim}=${v}`;
                expect(nonZero({ ...zeroFlows(), ...got.flows.get(v) }), label).toEqual(
                  nonZero(naiveFlows(mine, () => cal, first, last) as Record<FlowMeasure, number>),
                );
                expect(nonZero({ ...zeroStocks(), ...got.carried.get(v) }), label).toEqual(
                  nonZero(naiveStocks(mine, () => cal, first) as Record<StockMeasure, number>),
                );
                expect(nonZero({ ...zeroStocks(), ...got.closing.get(v) }), label).toEqual(
                  nonZero(naiveStocks(mine, () => cal, last + 1) as Record<StockMeasure, number>),
                );
              }
            }
        },
      ),
      { numRuns: 40 },
    );
  });
});
