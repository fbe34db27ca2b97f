/**
 * PAKN deadlines in working time, recomputed from the item's history with the calendar engine
 * (src/kernel/calendar) every time, like a dossier's due (src/modules/dossiers/domain/deadline.ts).
 *
 * - reject, request_info and answer count from the receipt instant;
 * - the time the submitter takes to send more information stops the clock (a suspension from the
 *   request to the reply), so it moves the reject and answer dues; while it is open the answer due
 *   is null (the clock is stopped);
 * - publish counts from the answer instant.
 * The rules (how many working days per step) are effective-dated data: the rules in force on the
 * receipt date are stored on the item (`feedback_deadline_rule`, docs/feedback.md).
 */
import {
  computeDeadline,
  type Duration,
  type Suspension,
  type WorkingCalendar,
} from '../../../kernel/calendar/index.ts';
import { AppError, err, ok, type Result } from '../../../kernel/errors.ts';

export const DEADLINE_STEPS = ['reject', 'request_info', 'answer', 'publish'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];
export type DeadlineRules = Readonly<Record<DeadlineStep, Duration>>;

/** A rule row as stored (effective from `validFrom`, a local date). */
export interface DeadlineRuleRow {
  readonly step: string;
  readonly value: number;
  readonly unit: string;
  readonly validFrom: string;
}

const UNITS = new Set(['working_days', 'working_hours', 'calendar_days', 'months']);

/** For each step, the rule with the latest `validFrom` on or before `on`; an error when a step has none. */
export function rulesInForce(rows: readonly DeadlineRuleRow[], on: string): Result<DeadlineRules, AppError> {
  const out: Partial<Record<DeadlineStep, Duration>> = {};
  for (const step of DEADLINE_STEPS) {
    const best = rows
      .filter((r) => r.step === step && r.validFrom <= on && UNITS.has(r.unit))
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0))[0];
    if (!best) return err(new AppError('FEEDBACK_DEADLINE_RULES_MISSING', { details: { step, on } }));
    out[step] = { value: best.value, unit: best.unit as Duration['unit'] };
  }
  return ok(out as DeadlineRules);
}

/** What the deadlines depend on. */
export interface DeadlineHistory {
  readonly receivedAt: Date;
  readonly infoRequestedAt: Date | null;
  readonly infoProvidedAt: Date | null;
  readonly rejectedAt: Date | null;
  readonly answeredAt: Date | null;
  readonly publishedAt: Date | null;
}

/** on_time / late once done; pending before the due, overdue after it; not_applicable when the step cannot happen any more. */
export type StepTimeliness = 'on_time' | 'late' | 'pending' | 'overdue' | 'not_applicable';

export interface FeedbackDeadlines {
  readonly rejectDue: Date;
  readonly requestInfoDue: Date;
  /** null while a request for more information stops the clock. */
  readonly answerDue: Date | null;
  readonly publishDue: Date | null;
  /** Answered (or rejected) on time; null while neither happened. The QĐ 766 index 5.2 input. */
  readonly answeredOnTime: boolean | null;
  readonly publishedOnTime: boolean | null;
}

function due(
  cal: WorkingCalendar,
  from: Date,
  duration: Duration,
  suspensions: readonly Suspension[] = [],
): Result<Date | null, AppError> {
  const r = computeDeadline(cal, { receivedAt: from, duration, suspensions });
  if (!r.ok)
    return err(
      new AppError('FEEDBACK_DEADLINE_UNCOMPUTABLE', {
        detail: r.error.detail,
        details: { calendarCode: r.error.code },
      }),
    );
  return ok(r.value.due === null ? null : new Date(r.value.due));
}

/** Computes every due date and the on-time flags from the history. */
export function computeDeadlines(
  h: DeadlineHistory,
  rules: DeadlineRules,
  cal: WorkingCalendar,
): Result<FeedbackDeadlines, AppError> {
  const closed: Suspension[] =
    h.infoRequestedAt && h.infoProvidedAt ? [{ from: h.infoRequestedAt, to: h.infoProvidedAt }] : [];
  const all: Suspension[] =
    h.infoRequestedAt && !h.infoProvidedAt && !h.rejectedAt && !h.answeredAt
      ? [{ from: h.infoRequestedAt, to: null }]
      : closed;
  const reject = due(cal, h.receivedAt, rules.reject, closed);
  if (!reject.ok) return reject;
  const ask = due(cal, h.receivedAt, rules.request_info);
  if (!ask.ok) return ask;
  const answer = due(cal, h.receivedAt, rules.answer, all);
  if (!answer.ok) return answer;
  let publishDue: Date | null = null;
  if (h.answeredAt) {
    const p = due(cal, h.answeredAt, rules.publish);
    if (!p.ok) return p;
    publishDue = p.value;
  }
  const rejectDue = reject.value as Date;
  const answerDue = answer.value;
  let answeredOnTime: boolean | null = null;
  if (h.answeredAt && answerDue) answeredOnTime = h.answeredAt.getTime() <= answerDue.getTime();
  else if (h.rejectedAt) answeredOnTime = h.rejectedAt.getTime() <= rejectDue.getTime();
  const publishedOnTime =
    h.publishedAt && publishDue ? h.publishedAt.getTime() <= publishDue.getTime() : null;
  return ok({
    rejectDue,
    requestInfoDue: ask.value as Date,
    answerDue,
    publishDue,
    answeredOnTime,
    publishedOnTime,
  });
}

/**
 * Timeliness of an optional step (rejecting, asking for more): on time or late once done; while not
 * done, pending until its due and not applicable after it (the window to decide has closed).
 */
export function optionalStepTimeliness(
  doneAt: Date | null,
  dueAt: Date,
  now: Date,
  stillPossible: boolean,
): StepTimeliness {
  if (doneAt) return doneAt.getTime() > dueAt.getTime() ? 'late' : 'on_time';
  return stillPossible && now.getTime() <= dueAt.getTime() ? 'pending' : 'not_applicable';
}

/** Timeliness of a required step: done at `doneAt` (or not), due at `dueAt`, judged at `now`. */
export function stepTimeliness(
  doneAt: Date | null,
  dueAt: Date | null,
  now: Date,
  stillPossible: boolean,
): StepTimeliness {
  if (doneAt) return dueAt && doneAt.getTime() > dueAt.getTime() ? 'late' : 'on_time';
  if (!stillPossible) return 'not_applicable';
  if (dueAt === null) return 'pending';
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'pending';
}
