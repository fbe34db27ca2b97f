/**
 * Timeliness of a dossier (DOMAIN.md §1.5, the DVCQG/766 definition):
 *
 * - on time ⇔ end of processing − suspended time ≤ due. `dueAt` already includes the suspended
 *   working time (the calendar engine shifts it), so the test is `end ≤ dueAt`.
 * - End of processing: result ready, rejected or stopped (`processingEndedAt`). A dossier that ended
 *   while waiting for its first supplement uses the request instant as its end (the applicant's
 *   waiting time is excluded), judged against the due without that open suspension.
 * - A second supplement request makes the dossier late, whatever the dates.
 * - Finished dossiers are early (ended on an earlier local day than the due day), on time, or late.
 * - Open dossiers fall in a bucket: overdue, nearly_due (at most the "nearly due" threshold of working
 *   time left, a setting, default one working day), or not_yet_due. While a supplement request stops
 *   the clock there is no bucket (`clockPaused`).
 * - Withdrawn dossiers and dossiers never received have no timeliness.
 */
import { deadlineBucket, type DeadlineBucket, type WorkingCalendar } from '../../../kernel/calendar/index.ts';
import { classify, computeDue } from './deadline.ts';
import type { Dossier, StepResult } from './types.ts';

export interface Timeliness {
  /** `none`: never received or withdrawn; `open`: still being handled; `finished`: processing ended. */
  readonly state: 'none' | 'open' | 'finished';
  /** Finished dossiers only. */
  readonly result: StepResult | null;
  /** Open dossiers with a running clock only. */
  readonly bucket: DeadlineBucket | null;
  readonly clockPaused: boolean;
  /** Counted late (finished late, overdue, or a second supplement request). */
  readonly late: boolean;
  readonly lateReason: 'after_due' | 'second_supplement' | null;
  /** An apology moved the due (reports that count apologised dossiers as late can use this). */
  readonly apologized: boolean;
  /** The instant judged as the end of processing (see above). */
  readonly judgedEndAt: Date | null;
  /** The due it was judged against. */
  readonly judgedDueAt: Date | null;
}

const NONE: Timeliness = {
  state: 'none',
  result: null,
  bucket: null,
  clockPaused: false,
  late: false,
  lateReason: null,
  apologized: false,
  judgedEndAt: null,
  judgedDueAt: null,
};

export function timelinessOf(
  d: Dossier,
  now: Date,
  cal: WorkingCalendar,
  nearlyDueWorkingMinutes: number,
): Timeliness {
  if (d.status === 'withdrawn' || d.receivedAt === null) return NONE;
  const apologized = d.extensionCount > 0;
  const secondSupplement = d.supplementCount > 1;
  if (d.processingEndedAt !== null) {
    const open = d.suspensions.find((s) => s.resumedAt === null);
    let end = d.processingEndedAt;
    let due = d.dueAt;
    if (open) {
      end = open.requestedAt;
      const computed = computeDue(d, cal, { excludeOpen: true });
      due = computed.ok ? computed.value.due : d.dueAt;
    }
    if (due === null) return { ...NONE, state: 'finished', apologized, judgedEndAt: end };
    const byDate = classify(end, due);
    const result: StepResult = secondSupplement ? 'late' : byDate;
    return {
      state: 'finished',
      result,
      bucket: null,
      clockPaused: false,
      late: result === 'late',
      lateReason: secondSupplement ? 'second_supplement' : result === 'late' ? 'after_due' : null,
      apologized,
      judgedEndAt: end,
      judgedDueAt: due,
    };
  }
  if (d.dueAt === null) {
    return {
      ...NONE,
      state: 'open',
      clockPaused: true,
      late: secondSupplement,
      lateReason: secondSupplement ? 'second_supplement' : null,
      apologized,
    };
  }
  const byClock = deadlineBucket(cal, { due: d.dueAt, now, nearlyDueWorkingMinutes });
  const bucket: DeadlineBucket = secondSupplement ? 'overdue' : byClock;
  return {
    state: 'open',
    result: null,
    bucket,
    clockPaused: false,
    late: bucket === 'overdue',
    lateReason: secondSupplement ? 'second_supplement' : bucket === 'overdue' ? 'after_due' : null,
    apologized,
    judgedEndAt: null,
    judgedDueAt: d.dueAt,
  };
}
