/**
 * A working calendar together with the identity of the data it was built from, and the due and
 * working-time computations the API, the CLI and other modules share. Pure.
 *
 * Rule version: `cal:<years>,sched:<schedule>`, e.g. `cal:2026r2,sched:default`.
 * - `<years>` lists, joined with `+`, each year the computation touched as `<year>r<revision>`
 *   (`r0` = no stored data: the estimated Labour Code defaults). For a due that is the years from the
 *   receipt to the due, plus a neighbouring stored year only when one of its entries falls inside
 *   them; for a whole calendar (`calendarFor`) every stored year in force.
 * - `<schedule>` is `default` (engine default), `province#<id>` or `sp:<code>#<id>`, where `<id>`
 *   is the newest schedule row used (rows are append-only, so the id identifies the versions).
 */
import type {
  CalendarError,
  DeadlineResult,
  Duration,
  SkippedDay,
  Suspension,
  WorkingCalendar,
  YearStatus,
} from '../../../kernel/calendar/index.ts';
import {
  CalendarRangeError,
  computeDeadline,
  workingMinutesBetween,
} from '../../../kernel/calendar/index.ts';
import { err, ok, type Result } from '../../../kernel/errors.ts';
import { localYearOf } from './instants.ts';

/** A stored year in force: which revision, its status and a SHA-256 of its data. */
export interface YearRevisionRef {
  readonly year: number;
  readonly revision: number;
  readonly status: YearStatus;
  readonly sha256: string;
}

/** A calendar plus what it was built from. */
export interface CalendarInfo {
  readonly calendar: WorkingCalendar;
  /** Schedule identity: `default`, `province#<id>` or `sp:<code>#<id>`. */
  readonly scheduleId: string;
  /** Stored years in force (years not listed use the estimated defaults, revision 0). */
  readonly years: readonly YearRevisionRef[];
  /** The rule version of the whole calendar (every stored year). */
  readonly ruleVersion: string;
}

/** `cal:2024r1+2025r1+2026r2,sched:default`. */
export function formatRuleVersion(
  years: readonly Pick<YearRevisionRef, 'year' | 'revision'>[],
  scheduleId: string,
): string {
  const list = [...years].sort((a, b) => a.year - b.year).map((y) => `${y.year}r${y.revision}`);
  return `cal:${list.length > 0 ? list.join('+') : 'default'},sched:${scheduleId}`;
}

/**
 * The rule version of a computation over local years `fromYear`..`toYear`: those years (revision 0
 * when not stored) plus stored neighbours whose entries reach into the range.
 */
export function ruleVersionFor(info: CalendarInfo, fromYear: number, toYear: number): string {
  const stored = new Map(info.years.map((y) => [y.year, y]));
  const used: Pick<YearRevisionRef, 'year' | 'revision'>[] = [];
  for (let y = fromYear; y <= toYear; y++) used.push({ year: y, revision: stored.get(y)?.revision ?? 0 });
  for (const neighbour of [fromYear - 1, toYear + 1]) {
    const ref = stored.get(neighbour);
    const data = info.calendar.years.get(neighbour);
    if (!ref || !data) continue;
    const reaches = [...data.daysOff, ...data.workingDays].some((e) => {
      const y = Number(e.date.slice(0, 4));
      return y >= fromYear && y <= toYear;
    });
    if (reaches) used.push({ year: neighbour, revision: ref.revision });
  }
  return formatRuleVersion(used, info.scheduleId);
}

/** Input of `computeDue`. */
export interface DueRequest {
  readonly start: number;
  readonly duration: Duration;
  readonly cutoff?: string | null | undefined;
  readonly suspensions?: readonly Suspension[] | undefined;
}

/** A due computation with its explanation and rule version. Instants are epoch milliseconds. */
export interface DueOutcome {
  readonly receivedAt: number;
  readonly effectiveStart: number;
  /** null while an open suspension stops the clock. */
  readonly due: number | null;
  readonly suspended: boolean;
  /** Working minutes from the effective start to the due (the amount, for working units). */
  readonly workingMinutes: number;
  /** Non-working days from the receipt date to the due date, with the reason for each. */
  readonly skippedDays: readonly SkippedDay[];
  readonly ruleVersion: string;
  /** Years touched that have no stored data (estimated defaults). */
  readonly estimatedYears: readonly number[];
  readonly result: DeadlineResult;
}

function rangeSafe<T>(fn: () => T): Result<T, CalendarError> {
  try {
    return ok(fn());
  } catch (e) {
    if (e instanceof CalendarRangeError) return err({ code: 'CALENDAR_OUT_OF_RANGE', detail: e.message });
    if (e instanceof RangeError) return err({ code: 'CALENDAR_OUT_OF_RANGE', detail: e.message });
    throw e;
  }
}

/** The due of a receipt with the engine, explained (docs/time.md §5). */
export function computeDue(info: CalendarInfo, request: DueRequest): Result<DueOutcome, CalendarError> {
  if (!Number.isFinite(request.start))
    return err({ code: 'CALENDAR_OUT_OF_RANGE', detail: 'Not an instant' });
  const computed = computeDeadline(info.calendar, {
    receivedAt: request.start,
    duration: request.duration,
    cutoff: request.cutoff ?? null,
    suspensions: request.suspensions ?? [],
    explain: true,
  });
  if (!computed.ok) return computed;
  const r = computed.value;
  const end = r.due ?? r.effectiveStart;
  const minutes = rangeSafe(() => workingMinutesBetween(info.calendar, r.effectiveStart, end));
  if (!minutes.ok) return minutes;
  const fromYear = localYearOf(r.receivedAt);
  const toYear = localYearOf(end);
  const storedYears = new Set(info.years.map((y) => y.year));
  const estimatedYears: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!storedYears.has(y)) estimatedYears.push(y);
  return ok({
    receivedAt: r.receivedAt,
    effectiveStart: r.effectiveStart,
    due: r.due,
    suspended: r.suspended,
    workingMinutes: minutes.value,
    skippedDays: r.skippedDays,
    ruleVersion: ruleVersionFor(info, fromYear, toYear),
    estimatedYears,
    result: r,
  });
}

/** Working minutes between two instants (0 when `to` ≤ `from`). */
export function workingTime(
  info: CalendarInfo,
  from: number,
  to: number,
): Result<{ workingMinutes: number; ruleVersion: string }, CalendarError> {
  const minutes = rangeSafe(() => workingMinutesBetween(info.calendar, from, to));
  if (!minutes.ok) return minutes;
  const a = localYearOf(Math.min(from, to));
  const b = localYearOf(Math.max(from, to));
  return ok({ workingMinutes: minutes.value, ruleVersion: ruleVersionFor(info, a, b) });
}
