/**
 * Property test of the report aggregates (issue #8, acceptance 1): on random dossier histories
 * driven through the real lifecycle (`decide`),
 *
 * - applying `contribution(after) − contribution(before)` at every event (what DossierService
 *   does in each transaction) gives exactly the full recomputation (sum of current contributions);
 * - the sums read from those aggregates equal the naive per-dossier definitions (naive.ts, which
 *   judge timeliness with dossiers/domain/timeliness.ts on the dossier as known at the cut-off);
 * - every identity of the monthly report holds, for several cut-off days and periods;
 * - the ten-day buckets the store reads split any day range exactly.
 *
 * test/reports/store.property.test.ts checks the same in the database store (cube + checkpoints).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../src/kernel/calendar/index.ts';
import { decide, DEFAULT_LIFECYCLE_SETTINGS } from '../../src/modules/dossiers/domain/lifecycle.ts';
import type { Dossier } from '../../src/modules/dossiers/domain/types.ts';
import {
  contributionOf,
  dekadEnd,
  dekadStart,
  diffContributions,
  splitByDekads,
  type ContributionMap,
} from '../../src/modules/reports/domain/contributions.ts';
import { naiveFlows, naiveStocks, sumContributions } from '../../src/modules/reports/domain/naive.ts';
import {
  dashboardFigures,
  monthlyFigures,
  monthlyIdentities,
  periodOf,
} from '../../src/modules/reports/domain/report.ts';
import { at, CALENDAR_RULE, CLERK, newDossier, OFFICER } from '../dossiers/builders.ts';
import { cal, commandFor, dossierArb, type Step } from './histories.ts';

const calOf = () => cal;

/** Runs one history; applies each change's contribution difference to `aggregate`. */
function runHistory(
  spec: { online: boolean; startHours: number; steps: Step[] },
  aggregate: ContributionMap,
  i: number,
): Dossier {
  const start = new Date(at('2026-02-02 08:00').getTime() + spec.startHours * 3_600_000);
  let d: Dossier = { ...newDossier({ channel: spec.online ? 'online' : 'counter', at: start }), id: `d${i}` };
  let before: ContributionMap = new Map();
  const apply = (next: Dossier) => {
    const after = contributionOf(next, cal);
    for (const [k, v] of diffContributions(before, after)) {
      const n = (aggregate.get(k) ?? 0) + v;
      if (n === 0) aggregate.delete(k);
      else aggregate.set(k, n);
    }
    before = after;
    d = next;
  };
  apply(d);
  let now = start.getTime();
  for (const step of spec.steps) {
    now += step.hours * 3_600_000 + 60_000;
    const command = commandFor(d, step);
    if (!command) continue;
    const r = decide(d, command, {
      now: new Date(now),
      actor: ['receive', 'forward', 'supplement', 'return', 'withdraw'].includes(step.kind) ? CLERK : OFFICER,
      calendar: cal,
      calendarRule: CALENDAR_RULE,
      settings: DEFAULT_LIFECYCLE_SETTINGS,
    });
    if (r.ok) apply(r.value.dossier);
  }
  return d;
}

describe('report aggregates on random histories', () => {
  it('incremental = full recomputation = naive scan, and every identity holds', () => {
    fc.assert(
      fc.property(
        fc.array(dossierArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('2026-03', '2026-04', '2026-05'),
        fc.constantFrom(21, 15, 1),
        (specs, month, cutoff) => {
          const aggregate: ContributionMap = new Map();
          const dossiers = specs.map((s, i) => runHistory(s, aggregate, i));
          // Full recomputation: the sum of every dossier's current contribution.
          const full: ContributionMap = new Map();
          for (const d of dossiers)
            for (const [k, v] of contributionOf(d, cal)) {
              const n = (full.get(k) ?? 0) + v;
              if (n === 0) full.delete(k);
              else full.set(k, n);
            }
          expect(new Map([...aggregate].sort())).toEqual(new Map([...full].sort()));

          const p = periodOf(month, cutoff);
          const first = parseLocalDate(p.first);
          const last = parseLocalDate(p.last);
          const carried = sumContributions(aggregate, first, last, first).stocks;
          const { flows, stocks: closing } = sumContributions(aggregate, first, last, last + 1);
          expect(flows).toEqual(naiveFlows(dossiers, calOf, first, last));
          expect(carried).toEqual(naiveStocks(dossiers, calOf, first));
          expect(closing).toEqual(naiveStocks(dossiers, calOf, last + 1));
          const figures = monthlyFigures(flows, carried, closing);
          expect(monthlyIdentities(figures)).toEqual([]);
          const dash = dashboardFigures(flows, carried, closing);
          expect(dash.inProgressNotYetDue).toBeGreaterThanOrEqual(0);
          expect(dash.toHandle).toBe(
            dash.inProgress + dash.waitingSupplement + dash.done + dash.closedOtherwise,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('ten-day buckets', () => {
  it('split any day range into whole buckets and edge days that cover it exactly once', () => {
    const base = parseLocalDate('2024-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 120 }), (a, len) => {
        const from = base + a;
        const to = from + len;
        const { days, dekads } = splitByDekads(from, to);
        const covered: number[] = [];
        for (const [x, y] of days) for (let d = x; d <= y; d++) covered.push(d);
        for (const [x, y] of dekads)
          for (let s = x; s <= y; s = dekadEnd(s) + 1) {
            expect(dekadStart(s)).toBe(s);
            for (let d = s; d <= dekadEnd(s); d++) covered.push(d);
          }
        expect(covered.sort((p, q) => p - q)).toEqual(Array.from({ length: len + 1 }, (_, i) => from + i));
        // Edge days are fewer than two buckets' worth: at most 9 + 10 days.
        expect(days.reduce((n, [x, y]) => n + y - x + 1, 0)).toBeLessThanOrEqual(20);
      }),
    );
  });
});
