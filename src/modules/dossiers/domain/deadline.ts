/**
 * The dossier's due instant, always recomputed from its history with the calendar engine
 * (src/kernel/calendar): receipt instant, the procedure's time limit and cut-off, the supplement
 * suspensions, and at most one explicit extension (apology, Mẫu 04).
 *
 * Why recompute instead of patching a stored due: the engine is exact and property-tested for
 * "due moves by exactly the suspended working time"; recomputing from history after every change
 * keeps the stored `dueAt` equal to what the engine says, so a corrected calendar gives a
 * corrected answer and nothing drifts.
 *
 * Timeliness (DOMAIN.md §1.5, the DVCQG rule) is "end − suspended time ≤ due". The engine already
 * adds the suspended working time to the due, so here the test is simply "end ≤ due" against the
 * shifted due: the two are the same statement. Subtracting the suspension again would count it twice.
 */
import {
  addWorkingMinutes,
  computeDeadline,
  localDateOfInstant,
  workingMinutesBetween,
  type Suspension,
  type WorkingCalendar,
} from '../../../kernel/calendar/index.ts';
import { AppError, err, ok, type Result } from '../../../kernel/errors.ts';
import type { Dossier, StepResult, SupplementSuspension } from './types.ts';

export interface DueComputation {
  readonly effectiveStart: Date;
  /** null while an open supplement request (made before the due) stops the clock. */
  readonly due: Date | null;
  /** Due without suspensions or extensions: the appointment printed on Mẫu 01. */
  readonly originalDue: Date;
}

type DueInput = Pick<Dossier, 'receivedAt' | 'procedure' | 'suspensions' | 'apologies'>;

function toEngineSuspensions(list: readonly SupplementSuspension[], excludeOpen: boolean): Suspension[] {
  return list
    .filter((s) => !(excludeOpen && s.resumedAt === null))
    .map((s) => ({ from: s.requestedAt, to: s.resumedAt }));
}

function calendarFailure(code: string, detail: string): AppError {
  return new AppError('DOSSIER_DEADLINE_UNCOMPUTABLE', { detail, details: { calendarCode: code } });
}

/**
 * Computes effective start, due and original due. With `excludeOpen`, an open suspension is left
 * out (used to judge a dossier that ended while waiting for a supplement: its end is the request).
 *
 * After an apology the new due is the one set by the agency (it is not computed); suspensions
 * requested after the apology shift it by their working time, exactly as the engine shifts a
 * computed due, and one requested at or after that due is ignored (the time had already run out).
 */
export function computeDue(
  d: DueInput,
  cal: WorkingCalendar,
  options: { excludeOpen?: boolean } = {},
): Result<DueComputation, AppError> {
  if (!d.receivedAt) return err(new AppError('INTERNAL', { detail: 'computeDue before receipt' }));
  const base = {
    receivedAt: d.receivedAt,
    duration: d.procedure.timeLimit,
    cutoff: d.procedure.cutoffTime,
  };
  const original = computeDeadline(cal, base);
  if (!original.ok) return err(calendarFailure(original.error.code, original.error.detail));
  const excludeOpen = options.excludeOpen ?? false;
  const apology = d.apologies[d.apologies.length - 1];
  const effectiveStart = new Date(original.value.effectiveStart);
  const originalDue = new Date(original.value.due as number);
  if (!apology) {
    const withSuspensions = computeDeadline(cal, {
      ...base,
      suspensions: toEngineSuspensions(d.suspensions, excludeOpen),
    });
    if (!withSuspensions.ok)
      return err(calendarFailure(withSuspensions.error.code, withSuspensions.error.detail));
    const due = withSuspensions.value.due;
    return ok({ effectiveStart, due: due === null ? null : new Date(due), originalDue });
  }
  let due = apology.newDueAt.getTime();
  const later = d.suspensions
    .filter((s) => s.requestedAt.getTime() >= apology.issuedAt.getTime())
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  for (const s of later) {
    if (s.requestedAt.getTime() >= due) break;
    if (s.resumedAt === null) {
      if (excludeOpen) continue;
      return ok({ effectiveStart, due: null, originalDue });
    }
    due = addWorkingMinutes(cal, due, workingMinutesBetween(cal, s.requestedAt, s.resumedAt));
  }
  return ok({ effectiveStart, due: new Date(due), originalDue });
}

/**
 * Early / on time / late of something that ended at `end` and was due at `due`: late when it ended
 * after the due instant; early when it ended on an earlier local day than the due day (the
 * "Trước hạn" of Mẫu 05 and of the Gia Lai dashboard); otherwise on time (finished on the due day,
 * at or before the due instant — finishing exactly at the due is on time).
 */
export function classify(end: Date, due: Date): StepResult {
  if (end.getTime() > due.getTime()) return 'late';
  return localDateOfInstant(end) < localDateOfInstant(due) ? 'early' : 'on_time';
}

/** Working minutes during which supplement requests stopped the clock inside [from, to). */
export function suspendedWorkingMinutesWithin(
  cal: WorkingCalendar,
  suspensions: readonly SupplementSuspension[],
  from: Date,
  to: Date,
): number {
  let total = 0;
  for (const s of suspensions) {
    const start = Math.max(s.requestedAt.getTime(), from.getTime());
    const end = Math.min((s.resumedAt ?? to).getTime(), to.getTime());
    if (end > start) total += workingMinutesBetween(cal, start, end);
  }
  return total;
}
