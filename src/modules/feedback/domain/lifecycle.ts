/**
 * The PAKN (phản ánh, kiến nghị) lifecycle as an explicit transition table, pure: no I/O, no clock.
 *
 *   received ─reject──────────────→ rejected
 *   received ─request_info────────→ more_info_requested ─provide_info→ received (again)
 *   received ─assign──────────────→ assigned ─assign→ assigned (re-assigned) ─answer→ answered ─publish→ published
 *   received | more_info_requested | assigned ─withdraw→ withdrawn
 *
 * Only one request for more information is allowed (the citizen is asked once, as for dossiers).
 * Who may do what: `ACTION_PERMISSION` (staff) or the submitter with the follow-up token.
 */
import { AppError, err, ok, type Result } from '../../../kernel/errors.ts';

export const FEEDBACK_KINDS = ['feedback', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_STATUSES = [
  'received',
  'more_info_requested',
  'assigned',
  'answered',
  'published',
  'rejected',
  'withdrawn',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_ACTIONS = [
  'reject',
  'request_info',
  'provide_info',
  'assign',
  'answer',
  'publish',
  'withdraw',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/** Actions staff send; `provide_info` and `withdraw` belong to the submitter (follow-up token). */
export const STAFF_ACTIONS = ['reject', 'request_info', 'assign', 'answer', 'publish'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export const CITIZEN_ACTIONS = ['provide_info', 'withdraw'] as const;
export type CitizenAction = (typeof CITIZEN_ACTIONS)[number];

/** The transition table: state × action → next state (absent: not allowed). */
export const TRANSITIONS: Readonly<
  Record<FeedbackStatus, Partial<Readonly<Record<FeedbackAction, FeedbackStatus>>>>
> = {
  received: {
    reject: 'rejected',
    request_info: 'more_info_requested',
    assign: 'assigned',
    withdraw: 'withdrawn',
  },
  more_info_requested: { provide_info: 'received', withdraw: 'withdrawn' },
  assigned: { assign: 'assigned', answer: 'answered', withdraw: 'withdrawn' },
  answered: { publish: 'published' },
  published: {},
  rejected: {},
  withdrawn: {},
};

/** The permission each staff action needs on the item (the route gate is `feedback.handle`). */
export const ACTION_PERMISSION = {
  reject: 'feedback.triage',
  request_info: 'feedback.triage',
  assign: 'feedback.triage',
  answer: 'feedback.answer',
  publish: 'feedback.publish',
} as const satisfies Record<StaffAction, string>;

/** The state after `action`, or FEEDBACK_TRANSITION_NOT_ALLOWED. */
export function nextStatus(
  from: FeedbackStatus,
  action: FeedbackAction,
  history: { readonly infoRequestedAt: Date | null },
): Result<FeedbackStatus, AppError> {
  const to = TRANSITIONS[from][action];
  if (!to) return err(new AppError('FEEDBACK_TRANSITION_NOT_ALLOWED', { details: { status: from, action } }));
  if (action === 'request_info' && history.infoRequestedAt !== null)
    return err(new AppError('FEEDBACK_INFO_ALREADY_REQUESTED'));
  return ok(to);
}

/** Actions allowed from a state (for pages: which buttons to show). */
export function allowedActions(status: FeedbackStatus): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter((a) => TRANSITIONS[status][a] !== undefined);
}

/** True when nothing can happen to the item any more (the publish step aside). */
export const isClosed = (s: FeedbackStatus): boolean =>
  s === 'rejected' || s === 'withdrawn' || s === 'published';

export const RATINGS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
