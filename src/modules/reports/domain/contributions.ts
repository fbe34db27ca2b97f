/**
 * What one dossier contributes to the report aggregates, as a pure function of the dossier
 * (docs/reports.md §2). The aggregates are sums of these contributions, maintained incrementally:
 * on every dossier change the service applies `contribution(after) − contribution(before)` in the
 * same transaction. Because the difference telescopes, the aggregate after any history equals
 * the sum of every dossier's current contribution — the "full recomputation" of the property test.
 *
 * Two kinds of measures, both keyed by a local day number:
 *
 * - **flows** count something that happened on a day (received, resolved early, …): a period's
 *   figure is the sum over the days of the period `[first, last]`.
 * - **stocks** describe a state at a cut-off, the start (00:00, UTC+7) of a day X, i.e. after every
 *   event before X: a state held over the instants `(a, b]` holds at the cut-offs of the days
 *   `[day(a)+1, day(b)]`, stored as +1 on day(a)+1 and −1 on day(b)+1; the stock at X is the sum of
 *   the deltas on days ≤ X.
 *
 * Timeliness of finished dossiers comes from dossiers/domain/timeliness.ts (not re-derived); the
 * due in force at an earlier instant comes from `computeDue` on the history known at that instant.
 */
import {
  dayInfo,
  formatDayNumber,
  localDateOfInstant,
  parseLocalDate,
  type WorkingCalendar,
} from '../../../kernel/calendar/index.ts';
import { computeDue } from '../../dossiers/domain/deadline.ts';
import { timelinessOf } from '../../dossiers/domain/timeliness.ts';
import type { Dossier, DossierStatus } from '../../dossiers/domain/types.ts';

export const FLOW_MEASURES = [
  'received_online',
  'received_counter',
  'received_postal',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'rejected',
  'stopped',
  'withdrawn',
  // QĐ 766 facts of resolved dossiers (counted on the day processing ended)
  'res_online',
  'res_online_eresult',
  'res_eresult',
  'res_digitised',
  'res_reused',
  'res_fee',
  'res_paid_online',
] as const;
export const STOCK_MEASURES = ['open', 'paused', 'overdue', 'nearly', 'uncollected'] as const;
export type FlowMeasure = (typeof FLOW_MEASURES)[number];
export type StockMeasure = (typeof STOCK_MEASURES)[number];
export type Measure = FlowMeasure | StockMeasure;

const STOCK_SET: ReadonlySet<string> = new Set(STOCK_MEASURES);
export const isStock = (m: string): m is StockMeasure => STOCK_SET.has(m);

/** The dimensions a dossier is counted under (besides the unit roll-up scopes). */
export interface DossierDims {
  readonly servicePoint: string;
  readonly unit: string;
  readonly agency: string;
  readonly field: string;
  readonly channel: string;
  /** Roll-up scopes: '*' (everything) and the unit with its ancestors as of receipt. */
  readonly scopes: readonly string[];
}

export function dimsOf(d: Dossier): DossierDims {
  const scopes = new Set<string>(['*', d.unitCode, ...d.unitAncestors]);
  return {
    servicePoint: d.servicePoint.code,
    unit: d.unitCode,
    agency: d.agencyCode,
    field: d.procedure.field,
    channel: d.channel,
    scopes: [...scopes],
  };
}

/** measure|dayNumber → count. */
export type ContributionMap = Map<string, number>;

const INF = Number.POSITIVE_INFINITY;
const dayOf = (t: Date | number): number => parseLocalDate(localDateOfInstant(t));

function add(map: ContributionMap, measure: Measure, day: number, n: number): void {
  if (n === 0 || !Number.isFinite(day)) return;
  const key = `${measure}|${day}`;
  const v = (map.get(key) ?? 0) + n;
  if (v === 0) map.delete(key);
  else map.set(key, v);
}

/** A state held on the cut-off days [from, to] (to may be +∞). */
function hold(map: ContributionMap, measure: StockMeasure, from: number, to: number): void {
  if (from > to) return;
  add(map, measure, from, 1);
  if (Number.isFinite(to)) add(map, measure, to + 1, -1);
}

const ENDED: ReadonlySet<DossierStatus> = new Set([
  'result_ready',
  'returned',
  'rejected',
  'stopped',
  'withdrawn',
]);

/** The instant processing ended (withdrawal included), or null while the dossier is open. */
export function endOf(d: Dossier): Date | null {
  if (!ENDED.has(d.status)) return null;
  return d.processingEndedAt ?? d.closing?.at ?? null;
}

/** The last working day strictly before `day` (at most 60 days back). */
export function previousWorkingDay(cal: WorkingCalendar, day: number): number {
  for (let x = day - 1; x > day - 60; x--) if (dayInfo(cal, x).working) return x;
  return day - 1;
}

/** The dossier as it was known at instant `t` (for the due in force then): history before/at t only. */
function dueInForce(d: Dossier, t: number, cal: WorkingCalendar): Date | null {
  const due = computeDue(
    {
      receivedAt: d.receivedAt,
      procedure: d.procedure,
      suspensions: d.suspensions
        .filter((s) => s.requestedAt.getTime() <= t)
        .map((s) => (s.resumedAt !== null && s.resumedAt.getTime() <= t ? s : { ...s, resumedAt: null })),
      apologies: d.apologies.filter((a) => a.issuedAt.getTime() <= t),
    },
    cal,
  );
  return due.ok ? due.value.due : d.dueAt;
}

/** One running stretch of the legal clock: open, not waiting for a supplement, same due. */
export interface RunningSegment {
  readonly from: number;
  readonly to: number;
  readonly due: Date | null;
  readonly secondSupplement: boolean;
}

/** The running stretches of an open-or-ended dossier, split at suspensions and apologies. */
export function runningSegments(d: Dossier, cal: WorkingCalendar): RunningSegment[] {
  if (!d.receivedAt) return [];
  const start = d.receivedAt.getTime();
  const end = endOf(d)?.getTime() ?? INF;
  const paused = d.suspensions
    .map((s) => ({ from: s.requestedAt.getTime(), to: Math.min(s.resumedAt?.getTime() ?? INF, end) }))
    .filter((p) => p.from < end)
    .sort((a, b) => a.from - b.from);
  const cuts = d.apologies.map((a) => a.issuedAt.getTime()).filter((t) => t > start && t < end);
  const pieces: { from: number; to: number }[] = [];
  let cursor = start;
  for (const p of paused) {
    if (p.from > cursor) pieces.push({ from: cursor, to: p.from });
    cursor = Math.max(cursor, p.to);
  }
  if (cursor < end) pieces.push({ from: cursor, to: end });
  const split: { from: number; to: number }[] = [];
  for (const piece of pieces) {
    let from = piece.from;
    for (const c of cuts.filter((c) => c > piece.from && c < piece.to).sort((a, b) => a - b)) {
      split.push({ from, to: c });
      from = c;
    }
    split.push({ from, to: piece.to });
  }
  return split.map((s) => ({
    ...s,
    due: dueInForce(d, s.from, cal),
    secondSupplement: d.suspensions.filter((x) => x.requestedAt.getTime() <= s.from).length > 1,
  }));
}

/** Every contribution of one dossier (empty when it was never received). */
export function contributionOf(d: Dossier, cal: WorkingCalendar): ContributionMap {
  const map: ContributionMap = new Map();
  if (!d.receivedAt) return map;
  const received = dayOf(d.receivedAt);
  add(map, `received_${d.channel}`, received, 1);
  const endAt = endOf(d);
  const endDay = endAt ? dayOf(endAt) : INF;
  hold(map, 'open', received + 1, endDay);
  for (const s of d.suspensions) {
    const from = s.requestedAt.getTime();
    if (endAt && from >= endAt.getTime()) continue;
    const to = Math.min(s.resumedAt?.getTime() ?? INF, endAt?.getTime() ?? INF);
    hold(map, 'paused', dayOf(from) + 1, Number.isFinite(to) ? dayOf(to) : INF);
  }
  for (const seg of runningSegments(d, cal)) {
    const first = dayOf(seg.from) + 1;
    const last = Number.isFinite(seg.to) ? dayOf(seg.to) : INF;
    if (seg.secondSupplement) {
      hold(map, 'overdue', first, last);
      continue;
    }
    if (seg.due === null) continue;
    const dueDay = dayOf(seg.due);
    hold(map, 'overdue', Math.max(first, dueDay + 1), last);
    hold(map, 'nearly', Math.max(first, previousWorkingDay(cal, dueDay) + 1), Math.min(last, dueDay));
  }
  if (endAt) {
    if (d.status === 'withdrawn' || d.status === 'rejected' || d.status === 'stopped') {
      add(map, d.status, endDay, 1);
    } else {
      const t = timelinessOf(d, endAt, cal, 0);
      const result = t.result ?? 'on_time';
      add(map, `resolved_${result}`, endDay, 1);
      const eresult = d.result?.kind === 'electronic';
      const online = d.channel === 'online';
      if (online) add(map, 'res_online', endDay, 1);
      if (online && eresult) add(map, 'res_online_eresult', endDay, 1);
      if (eresult) add(map, 'res_eresult', endDay, 1);
      if (eresult && d.documents.length > 0 && d.documents.every((x) => x.attached))
        add(map, 'res_digitised', endDay, 1);
      if (d.documents.some((x) => x.reused)) add(map, 'res_reused', endDay, 1);
      if (d.fees.reduce((s, f) => s + f.amountVnd, 0) > 0) add(map, 'res_fee', endDay, 1);
      if (d.fees.some((f) => f.payment?.method === 'online')) add(map, 'res_paid_online', endDay, 1);
      hold(map, 'uncollected', endDay + 1, d.returnedAt ? dayOf(d.returnedAt) : INF);
    }
  }
  return map;
}

/** after − before (either may be empty). */
export function diffContributions(before: ContributionMap, after: ContributionMap): ContributionMap {
  const out: ContributionMap = new Map(after);
  for (const [k, v] of before) {
    const n = (out.get(k) ?? 0) - v;
    if (n === 0) out.delete(k);
    else out.set(k, n);
  }
  return out;
}

export const GROUP_DIMS = ['all', 'service_point', 'unit', 'agency', 'field', 'channel'] as const;
export type GroupDim = (typeof GROUP_DIMS)[number];

/**
 * Levels of the fact cube (docs/reports.md §2). Level `p` (per service point) keys a fact by
 * service point, the dossier's unit and its roll-up path, on its local day; level `d` (detail) also
 * by field, agency and channel (`*` at level `p`). Levels `p10` and `d10` are the same summed over
 * ten-day buckets (days 1–10, 11–20, 21–end of a month, keyed by the bucket's first day), so that a
 * period reads whole buckets plus a few edge days. A report reads `p`/`p10` unless it groups by
 * field, agency or channel (`d`/`d10`).
 */
export type FactLevel = 'p' | 'p10' | 'd' | 'd10';
export const levelOf = (dim: GroupDim): 'p' | 'd' =>
  dim === 'field' || dim === 'agency' || dim === 'channel' ? 'd' : 'p';

/** First day (day number) of the ten-day bucket of `day`. */
export function dekadStart(day: number): number {
  const dd = Number(formatDayNumber(day).slice(8, 10));
  return day - (dd <= 10 ? dd - 1 : dd <= 20 ? dd - 11 : dd - 21);
}
/** Last day (day number) of the ten-day bucket that starts on `start`. */
export function dekadEnd(start: number): number {
  const dd = Number(formatDayNumber(start).slice(8, 10));
  if (dd !== 21) return start + 9;
  let d = start;
  while (formatDayNumber(d + 1).slice(8, 10) !== '01') d++;
  return d;
}

/**
 * Splits the local days [from, to] (day numbers) into whole ten-day buckets (ranges of bucket
 * first days) and the remaining day ranges at the edges.
 */
export function splitByDekads(
  from: number,
  to: number,
): { days: [number, number][]; dekads: [number, number][] } {
  const days: [number, number][] = [];
  const dekads: [number, number][] = [];
  let d = from;
  while (d <= to) {
    if (dekadStart(d) === d && dekadEnd(d) <= to) {
      const last = dekads.at(-1);
      if (last && dekadEnd(last[1]) + 1 === d) last[1] = d;
      else dekads.push([d, d]);
      d = dekadEnd(d) + 1;
    } else {
      const last = days.at(-1);
      if (last && last[1] + 1 === d) last[1] = d;
      else days.push([d, d]);
      d++;
    }
  }
  return { days, dekads };
}

/** One cube cell: the dossier's key at one level. `scopes` is `|unit|ancestor|…|` (as of receipt). */
export interface FactKey {
  readonly level: FactLevel;
  readonly sp: string;
  readonly unit: string;
  readonly scopes: string;
  readonly field: string;
  readonly agency: string;
  readonly channel: string;
}

/** A delta of one cube cell on one local day (`YYYY-MM-DD`). */
export interface FactDelta extends FactKey {
  readonly day: string;
  readonly measure: string;
  readonly n: number;
}

/** The roll-up path stored in the cube: the unit and its ancestors, `|`-delimited (matched by `|code|`). */
export const scopesPath = (dims: DossierDims): string =>
  `|${dims.scopes.filter((s) => s !== '*').join('|')}|`;

/** The dossier's cells: one per level. */
export function factKeysOf(dims: DossierDims): FactKey[] {
  const scopes = scopesPath(dims);
  return [
    { level: 'p', sp: dims.servicePoint, unit: dims.unit, scopes, field: '*', agency: '*', channel: '*' },
    {
      level: 'd',
      sp: dims.servicePoint,
      unit: dims.unit,
      scopes,
      field: dims.field,
      agency: dims.agency,
      channel: dims.channel,
    },
  ];
}

export const monthBucketOf = (day: number): string => `${formatDayNumber(day).slice(0, 7)}-01`;

/**
 * A contribution difference as cube deltas: one row per level and changed (measure, day) — a
 * dossier change writes 4 × (number of changed measure-days) rows (20 for an intake), in one statement.
 */
export function toFactDeltas(diff: ContributionMap, dims: DossierDims): FactDelta[] {
  const out: FactDelta[] = [];
  const keys = factKeysOf(dims);
  for (const [key, n] of diff) {
    if (n === 0) continue;
    const [measure, dayText] = key.split('|') as [string, string];
    const { day, dekad } = daysOf(Number(dayText));
    for (const k of keys) {
      // Written out rather than spread: this runs for every change, twenty rows an intake.
      const { level, sp, unit, scopes, field, agency, channel } = k;
      out.push({ level, sp, unit, scopes, field, agency, channel, day, measure, n });
      const tenDays = level === 'p' ? 'p10' : 'd10';
      out.push({ level: tenDays, sp, unit, scopes, field, agency, channel, day: dekad, measure, n });
    }
  }
  return out;
}

/** A day number as text, and its ten-day bucket's first day (memoised: a change touches few days). */
const dayTexts = new Map<number, { day: string; dekad: string }>();
function daysOf(dayNumber: number): { day: string; dekad: string } {
  let texts = dayTexts.get(dayNumber);
  if (!texts) {
    if (dayTexts.size >= 4_096) dayTexts.clear();
    texts = { day: formatDayNumber(dayNumber), dekad: formatDayNumber(dekadStart(dayNumber)) };
    dayTexts.set(dayNumber, texts);
  }
  return texts;
}
