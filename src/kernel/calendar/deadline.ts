/**
 * Legal deadlines (ngày hẹn trả) for dossiers: effective start, due instant, suspension for
 * supplements (tạm dừng để bổ sung hồ sơ), extension after an apology (Mẫu 04), "nearly due"
 * buckets, and the list of skipped days for explanations.
 *
 * Everything is recomputed from the history (receipt, duration, suspensions) each time, never
 * updated incrementally, so a corrected calendar or history gives a corrected answer.
 * See docs/time.md for the rules in prose.
 */
import type { Result } from '../errors.ts';
import { err, ok } from '../errors.ts';
import type { CalendarError } from './calendar-error.ts';
import { calendarError } from './calendar-error.ts';
import type { Duration } from './duration.ts';
import { isWorkingUnit, validateDuration, workingMinutesOf } from './duration.ts';
import type { DayOffKind } from './holidays.ts';
import type { Instant, LocalDate, Weekday } from './local-time.ts';
import {
  addMonthsClamped,
  localDayNumberOf,
  localMsOfDay,
  MS_PER_MINUTE,
  parseLocalDate,
  startOfLocalDay,
  toEpochMs,
  tryParseTimeOfDay,
} from './local-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { CalendarRangeError, dayInfo } from './working-calendar.ts';
import {
  addWorkingMs,
  endOfWorkingDayOnOrAfter,
  isWorkingDayNumber,
  isWorkingMs,
  nextWorkingStartMs,
  workingMsBetween,
} from './working-time-index.ts';

/** A supplement request: the clock stops at `from` and resumes at the first working instant at or after `to`. */
export interface Suspension {
  readonly from: Instant;
  /** When the supplement arrived; omit (or null) while still waiting. */
  readonly to?: Instant | null;
}

/** Input of `computeDeadline`. */
export interface DeadlineInput {
  readonly receivedAt: Instant;
  readonly duration: Duration;
  /** Per-procedure cut-off `HH:MM` (e.g. '15:00'): receipts at or after it count from the next working day. */
  readonly cutoff?: string | null;
  readonly suspensions?: readonly Suspension[];
  /** Also list the non-working days between receipt and due, with reasons. */
  readonly explain?: boolean;
}

/** A day that the count skipped, and why. */
export interface SkippedDay {
  readonly date: LocalDate;
  readonly weekday: Weekday;
  /** `weekend`, the day-off kind (holiday, tet, compensatory, swapped), or `no_schedule`. */
  readonly kind: 'weekend' | DayOffKind | 'no_schedule';
  /** Vietnamese label: the holiday's name, or "Thứ Bảy" / "Chủ nhật". */
  readonly name: string;
  /** The day is also a Saturday or Sunday. */
  readonly weekend: boolean;
}

/** A suspension as applied: when the clock stopped, when it resumed, and what it added. */
export interface AppliedSuspension {
  readonly from: number;
  /** null while the supplement has not arrived. */
  readonly resumeAt: number | null;
  /** Working minutes the due moved by (working units). */
  readonly workingMinutes: number;
  /** Calendar days the due moved by (calendar units). */
  readonly calendarDays: number;
}

/** The outcome of `computeDeadline`. Instants are epoch milliseconds. */
export interface DeadlineResult {
  readonly receivedAt: number;
  readonly effectiveStart: number;
  /** The due instant; null while an open suspension stops the clock. */
  readonly due: number | null;
  readonly suspended: boolean;
  /** Working minutes left when the clock stopped (working units, open suspension only). */
  readonly remainingWorkingMinutes: number | null;
  /** Suspensions that moved (or stopped) the due, merged and in order. */
  readonly suspensions: readonly AppliedSuspension[];
  /** With `explain`: non-working days from the receipt date to the due date. */
  readonly skippedDays: readonly SkippedDay[];
}

/** Deadline buckets as on the dashboards: quá hạn, sắp đến hạn, chưa đến hạn. */
export type DeadlineBucket = 'overdue' | 'nearly_due' | 'not_yet_due';

const EMPTY: readonly never[] = Object.freeze([]);
const WEEKEND_NAMES: Readonly<Record<number, string>> = { 0: 'Chủ nhật', 6: 'Thứ Bảy' };

/** True when `t` is inside a working period of the calendar. */
export function isWorkingInstant(cal: WorkingCalendar, t: Instant): boolean {
  return isWorkingMs(cal, toEpochMs(t));
}

/** `t` when it is working time, else the start of the next working period (epoch ms). */
export function nextWorkingStart(cal: WorkingCalendar, t: Instant): number {
  return nextWorkingStartMs(cal, toEpochMs(t));
}

/** Working minutes elapsed between two instants (0 when `to` ≤ `from`). May be fractional for sub-minute instants. */
export function workingMinutesBetween(cal: WorkingCalendar, from: Instant, to: Instant): number {
  return workingMsBetween(cal, toEpochMs(from), toEpochMs(to)) / MS_PER_MINUTE;
}

/**
 * The first instant at which `minutes` working minutes have elapsed from `t` (from the next working
 * start when `t` is outside working time). A period end stays a period end (17:00, not next 07:00);
 * 0 minutes gives the next working start.
 */
export function addWorkingMinutes(cal: WorkingCalendar, t: Instant, minutes: number): number {
  return addWorkingMs(cal, toEpochMs(t), Math.round(minutes * MS_PER_MINUTE));
}

/**
 * True when the counter accepts dossiers at `t`: any working instant, plus Saturday morning when
 * the schedule has Saturday-morning receiving and that Saturday is not a day off. Receiving does not
 * start the clock: the effective start is still the next working period.
 */
export function isReceivingInstant(cal: WorkingCalendar, t: Instant): boolean {
  const ms = toEpochMs(t);
  if (isWorkingMs(cal, ms)) return true;
  const window = cal.schedule.saturdayReceiving;
  if (!window) return false;
  const info = dayInfo(cal, localDayNumberOf(ms));
  if (info.weekday !== 6 || info.reason !== 'weekend') return false;
  const minute = localMsOfDay(ms) / MS_PER_MINUTE;
  return minute >= window.startMinute && minute < window.endMinute;
}

function effectiveStartMs(cal: WorkingCalendar, t: number, cutoffMinute: number | undefined): number {
  if (cutoffMinute !== undefined) {
    const day = localDayNumberOf(t);
    if (localMsOfDay(t) >= cutoffMinute * MS_PER_MINUTE && isWorkingDayNumber(cal, day)) {
      return nextWorkingStartMs(cal, startOfLocalDay(day + 1));
    }
  }
  return nextWorkingStartMs(cal, t);
}

/**
 * When the clock starts for a receipt at `receivedAt`: the receipt itself inside a working period,
 * else the next working period's start; with a cut-off, a receipt at or after the cut-off on a
 * working day starts at the first period of the next working day. Throws a RangeError for a
 * malformed cut-off (use computeDeadline for a Result).
 */
export function effectiveStart(cal: WorkingCalendar, receivedAt: Instant, cutoff?: string | null): number {
  const cutoffMinute = cutoff == null ? undefined : tryParseTimeOfDay(cutoff);
  if (cutoff != null && cutoffMinute === undefined) throw new RangeError(`Not a cut-off time: ${cutoff}`);
  return effectiveStartMs(cal, toEpochMs(receivedAt), cutoffMinute);
}

interface NormalizedSuspension {
  from: number;
  resume: number | null;
}

function normalizeSuspensions(
  cal: WorkingCalendar,
  suspensions: readonly Suspension[],
): Result<NormalizedSuspension[], CalendarError> {
  const list: NormalizedSuspension[] = [];
  for (const s of suspensions) {
    const from = toEpochMs(s.from);
    const to = s.to == null ? null : toEpochMs(s.to);
    if (!Number.isFinite(from) || (to !== null && !Number.isFinite(to))) {
      return err(calendarError('CALENDAR_SUSPENSION_INVALID', 'Suspension instants must be valid'));
    }
    if (to !== null && to < from) {
      return err(calendarError('CALENDAR_SUSPENSION_INVALID', 'A suspension cannot end before it starts'));
    }
    list.push({ from, resume: to === null ? null : nextWorkingStartMs(cal, to) });
  }
  list.sort((a, b) => a.from - b.from);
  const merged: NormalizedSuspension[] = [];
  for (const s of list) {
    const last = merged[merged.length - 1];
    if (last && (last.resume === null || s.from <= last.resume)) {
      if (last.resume !== null) last.resume = s.resume === null ? null : Math.max(last.resume, s.resume);
      continue;
    }
    merged.push({ ...s });
  }
  return ok(merged);
}

/** Non-working days between two local dates (inclusive), with the reason for each. */
export function skippedDays(
  cal: WorkingCalendar,
  from: LocalDate | number,
  to: LocalDate | number,
): SkippedDay[] {
  const a = typeof from === 'number' ? from : parseLocalDate(from);
  const b = typeof to === 'number' ? to : parseLocalDate(to);
  const out: SkippedDay[] = [];
  for (let d = a; d <= b; d++) {
    const info = dayInfo(cal, d);
    if (info.working) continue;
    const weekend = info.weekday === 0 || info.weekday === 6;
    if (info.dayOff) {
      out.push(
        Object.freeze({
          date: info.date,
          weekday: info.weekday,
          kind: info.dayOff.kind,
          name: info.dayOff.name,
          weekend,
        }),
      );
    } else if (info.reason === 'weekend') {
      const name = WEEKEND_NAMES[info.weekday] ?? 'Ngày nghỉ hằng tuần';
      out.push(Object.freeze({ date: info.date, weekday: info.weekday, kind: 'weekend', name, weekend }));
    } else {
      const name = 'Không có lịch làm việc';
      out.push(Object.freeze({ date: info.date, weekday: info.weekday, kind: 'no_schedule', name, weekend }));
    }
  }
  return out;
}

function computeUnsafe(
  cal: WorkingCalendar,
  input: DeadlineInput,
  cutoffMinute: number | undefined,
  suspensions: readonly NormalizedSuspension[],
): DeadlineResult {
  const receivedAt = toEpochMs(input.receivedAt);
  const start = effectiveStartMs(cal, receivedAt, cutoffMinute);
  const applied: AppliedSuspension[] = [];
  let due: number | null;
  let remainingWorkingMinutes: number | null = null;

  if (isWorkingUnit(input.duration.unit)) {
    let remaining = Math.round(
      workingMinutesOf(input.duration, cal.schedule.standardDayMinutes) * MS_PER_MINUTE,
    );
    let pos = start;
    due = addWorkingMs(cal, pos, remaining);
    if (remaining > 0) {
      for (const s of suspensions) {
        if (s.from >= due) break;
        if (s.from > pos) remaining -= workingMsBetween(cal, pos, s.from);
        if (s.resume === null) {
          applied.push(Object.freeze({ from: s.from, resumeAt: null, workingMinutes: 0, calendarDays: 0 }));
          remainingWorkingMinutes = remaining / MS_PER_MINUTE;
          due = null;
          break;
        }
        const stoppedAt = Math.max(pos, s.from);
        const lost = workingMsBetween(cal, stoppedAt, s.resume);
        applied.push(
          Object.freeze({
            from: s.from,
            resumeAt: s.resume,
            workingMinutes: lost / MS_PER_MINUTE,
            calendarDays: 0,
          }),
        );
        pos = Math.max(pos, s.resume);
        due = addWorkingMs(cal, pos, remaining);
      }
    }
  } else {
    const startDay = localDayNumberOf(start);
    const n = input.duration.value;
    const target = input.duration.unit === 'months' ? addMonthsClamped(startDay, n) : startDay + n;
    let extra = 0;
    due = endOfWorkingDayOnOrAfter(cal, target);
    for (const s of suspensions) {
      if (s.from >= due) break;
      if (s.resume === null) {
        applied.push(Object.freeze({ from: s.from, resumeAt: null, workingMinutes: 0, calendarDays: 0 }));
        due = null;
        break;
      }
      const days = Math.max(0, localDayNumberOf(s.resume) - localDayNumberOf(Math.max(s.from, start)));
      applied.push(
        Object.freeze({ from: s.from, resumeAt: s.resume, workingMinutes: 0, calendarDays: days }),
      );
      extra += days;
      due = endOfWorkingDayOnOrAfter(cal, target + extra);
    }
  }

  const skipped =
    input.explain === true
      ? skippedDays(cal, localDayNumberOf(receivedAt), localDayNumberOf(due ?? start))
      : (EMPTY as readonly SkippedDay[]);
  return Object.freeze({
    receivedAt,
    effectiveStart: start,
    due,
    suspended: due === null,
    remainingWorkingMinutes,
    suspensions: applied.length === 0 ? (EMPTY as readonly AppliedSuspension[]) : Object.freeze(applied),
    skippedDays: skipped,
  });
}

/**
 * The due instant of a dossier from its history: receipt, legal duration, optional cut-off and
 * supplement suspensions. Returns CALENDAR_DURATION_INVALID, CALENDAR_SUSPENSION_INVALID or
 * CALENDAR_OUT_OF_RANGE as values.
 *
 * Working units: the due moves by the suspended working time (the clock stops at the request and
 * resumes at the first working instant at or after the supplement's arrival). Calendar units: the
 * due date moves by the suspended calendar days, then the "end of the next working day" rule.
 * A suspension requested at or after the (current) due is ignored: the time had already run out.
 */
export function computeDeadline(
  cal: WorkingCalendar,
  input: DeadlineInput,
): Result<DeadlineResult, CalendarError> {
  const duration = validateDuration(input.duration);
  if (!duration.ok) return duration;
  let cutoffMinute: number | undefined;
  if (input.cutoff != null) {
    cutoffMinute = tryParseTimeOfDay(input.cutoff);
    if (cutoffMinute === undefined) {
      return err(calendarError('CALENDAR_DURATION_INVALID', `Cut-off must be HH:MM, got ${input.cutoff}`));
    }
  }
  try {
    let suspensions: readonly NormalizedSuspension[] = EMPTY;
    if (input.suspensions && input.suspensions.length > 0) {
      const normalized = normalizeSuspensions(cal, input.suspensions);
      if (!normalized.ok) return normalized;
      suspensions = normalized.value;
    }
    return ok(computeUnsafe(cal, input, cutoffMinute, suspensions));
  } catch (e) {
    if (e instanceof CalendarRangeError) return err(calendarError('CALENDAR_OUT_OF_RANGE', e.message));
    throw e;
  }
}

/** Input of `deadlineBucket`. */
export interface BucketInput {
  readonly due: Instant;
  readonly now: Instant;
  /** "Nearly due" threshold in working minutes; default one standard working day. */
  readonly nearlyDueWorkingMinutes?: number;
}

/**
 * The dashboard bucket of a due instant at `now`: `overdue` when now is after the due (on time
 * means finished ≤ due), `nearly_due` when at most the threshold of working time is left,
 * otherwise `not_yet_due`.
 */
export function deadlineBucket(cal: WorkingCalendar, input: BucketInput): DeadlineBucket {
  const due = toEpochMs(input.due);
  const now = toEpochMs(input.now);
  if (now > due) return 'overdue';
  const threshold = input.nearlyDueWorkingMinutes ?? cal.schedule.standardDayMinutes;
  return workingMsBetween(cal, now, due) <= threshold * MS_PER_MINUTE ? 'nearly_due' : 'not_yet_due';
}

/** Input of `checkExtension`. */
export interface ExtensionRequest {
  /** The due in force (computed, or set by an earlier extension). */
  readonly currentDue: Instant;
  /** The new appointment proposed in the apology letter (Mẫu 04). */
  readonly newDue: Instant;
  /** How many times this dossier's due has already been extended. */
  readonly extensionsSoFar: number;
  /** Setting; default 1 ("the new date may be set only once"). */
  readonly maxExtensions?: number;
}

/**
 * Checks an extension (gia hạn after an apology): the new due must be later than the current one
 * and the dossier must not have used up its extensions. Returns the new due (epoch ms).
 */
export function checkExtension(req: ExtensionRequest): Result<number, CalendarError> {
  const max = req.maxExtensions ?? 1;
  if (req.extensionsSoFar >= max) {
    return err(
      calendarError('DEADLINE_EXTENSION_LIMIT_REACHED', `Already extended ${req.extensionsSoFar} time(s)`, {
        extensionsSoFar: req.extensionsSoFar,
        maxExtensions: max,
      }),
    );
  }
  const currentDue = toEpochMs(req.currentDue);
  const newDue = toEpochMs(req.newDue);
  if (!Number.isFinite(newDue) || newDue <= currentDue) {
    return err(
      calendarError('DEADLINE_EXTENSION_NOT_LATER', 'The new due must be later than the current due'),
    );
  }
  return ok(newDue);
}
