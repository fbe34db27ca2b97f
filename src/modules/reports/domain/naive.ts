/**
 * The naive definitions: figures computed dossier by dossier, straight from each dossier's
 * history, with no aggregate. Used as the oracle of the property test (aggregates must equal
 * this) and documented as the definition in docs/reports.md. A snapshot at the cut-off X (00:00
 * of local day X) sees the events before X only; the timeliness bucket of an open dossier comes
 * from dossiers/domain/timeliness.ts on the dossier as it was known then.
 */
import { localDateOfInstant, parseLocalDate, type WorkingCalendar } from '../../../kernel/calendar/index.ts';
import { startOfLocalDay } from '../../../kernel/calendar/local-time.ts';
import { computeDue } from '../../dossiers/domain/deadline.ts';
import { timelinessOf } from '../../dossiers/domain/timeliness.ts';
import type { Dossier } from '../../dossiers/domain/types.ts';
import {
  endOf,
  FLOW_MEASURES,
  isStock,
  previousWorkingDay,
  STOCK_MEASURES,
  type ContributionMap,
  type FlowMeasure,
  type StockMeasure,
} from './contributions.ts';
import type { Flows, Stocks } from './report.ts';

const dayOf = (t: Date): number => parseLocalDate(localDateOfInstant(t));

export const zeroFlows = (): Record<FlowMeasure, number> =>
  Object.fromEntries(FLOW_MEASURES.map((m) => [m, 0])) as Record<FlowMeasure, number>;
export const zeroStocks = (): Record<StockMeasure, number> =>
  Object.fromEntries(STOCK_MEASURES.map((m) => [m, 0])) as Record<StockMeasure, number>;

/** Flows of the dossiers over local days [first, last] (day numbers). */
export function naiveFlows(
  dossiers: readonly Dossier[],
  calOf: (d: Dossier) => WorkingCalendar,
  first: number,
  last: number,
): Flows {
  const f = zeroFlows();
  const inside = (t: Date | null) => t !== null && dayOf(t) >= first && dayOf(t) <= last;
  for (const d of dossiers) {
    if (!d.receivedAt) continue;
    if (inside(d.receivedAt)) f[`received_${d.channel}`] += 1;
    const end = endOf(d);
    if (!inside(end)) continue;
    if (d.status === 'withdrawn' || d.status === 'rejected' || d.status === 'stopped') {
      f[d.status] += 1;
      continue;
    }
    const t = timelinessOf(d, end as Date, calOf(d), 0);
    f[`resolved_${t.result ?? 'on_time'}`] += 1;
    const e = d.result?.kind === 'electronic';
    if (d.channel === 'online') f.res_online += 1;
    if (d.channel === 'online' && e) f.res_online_eresult += 1;
    if (e) f.res_eresult += 1;
    if (e && d.documents.length > 0 && d.documents.every((x) => x.attached)) f.res_digitised += 1;
    if (d.documents.some((x) => x.reused)) f.res_reused += 1;
    if (d.fees.reduce((s, x) => s + x.amountVnd, 0) > 0) f.res_fee += 1;
    if (d.fees.some((x) => x.payment?.method === 'online')) f.res_paid_online += 1;
  }
  return f;
}

/** The dossier as known just before instant T, still open (processing not ended). */
export function knownBefore(d: Dossier, T: number, cal: WorkingCalendar): Dossier {
  const suspensions = d.suspensions
    .filter((s) => s.requestedAt.getTime() < T)
    .map((s) => (s.resumedAt !== null && s.resumedAt.getTime() < T ? s : { ...s, resumedAt: null }));
  const apologies = d.apologies.filter((a) => a.issuedAt.getTime() < T);
  const paused = suspensions.some((s) => s.resumedAt === null);
  const due = computeDue({ receivedAt: d.receivedAt, procedure: d.procedure, suspensions, apologies }, cal);
  return {
    ...d,
    status: paused ? 'supplement_requested' : 'in_progress',
    suspensions,
    apologies,
    supplementCount: suspensions.length,
    extensionCount: apologies.length,
    processingEndedAt: null,
    returnedAt: null,
    closing: null,
    result: null,
    dueAt: due.ok ? due.value.due : null,
  };
}

/** Stocks at the cut-off of local day X (00:00 UTC+7 of X). */
export function naiveStocks(
  dossiers: readonly Dossier[],
  calOf: (d: Dossier) => WorkingCalendar,
  X: number,
): Stocks {
  const s = zeroStocks();
  const T = startOfLocalDay(X);
  for (const d of dossiers) {
    if (!d.receivedAt || d.receivedAt.getTime() >= T) continue;
    const end = endOf(d);
    if (end !== null && end.getTime() < T) {
      const resolved = d.status === 'result_ready' || d.status === 'returned';
      if (resolved && (d.returnedAt === null || d.returnedAt.getTime() >= T)) s.uncollected += 1;
      continue;
    }
    s.open += 1;
    const cal = calOf(d);
    const then = knownBefore(d, T, cal);
    const t = timelinessOf(then, new Date(T), cal, 0);
    if (t.clockPaused || then.status === 'supplement_requested') {
      s.paused += 1;
      continue;
    }
    if (t.bucket === 'overdue') s.overdue += 1;
    else if (then.dueAt !== null) {
      const dueDay = dayOf(then.dueAt);
      if (X > previousWorkingDay(cal, dueDay) && X <= dueDay) s.nearly += 1;
    }
  }
  return s;
}

/** Sums a contribution map the way the aggregate queries do: flows over [first, last], stocks at X. */
export function sumContributions(
  map: ContributionMap,
  first: number,
  last: number,
  X: number,
): { flows: Flows; stocks: Stocks } {
  const flows = zeroFlows();
  const stocks = zeroStocks();
  for (const [key, n] of map) {
    const [measure, dayText] = key.split('|') as [string, string];
    const day = Number(dayText);
    if (isStock(measure)) {
      if (day <= X) stocks[measure] += n;
    } else if (day >= first && day <= last) flows[measure as FlowMeasure] += n;
  }
  return { flows, stocks };
}
