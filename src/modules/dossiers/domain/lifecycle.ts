/**
 * The dossier lifecycle as an explicit transition table and a pure `decide` function
 * (DOMAIN.md §1.2):
 *
 *   submitted → received → in_progress ⇄ supplement_requested → result_ready → returned
 *   open states → rejected | stopped | withdrawn
 *
 * `decide(dossier, command, context)` returns the new dossier and the past-tense events, or an
 * AppError as a value. It reads no clock (the context carries `now`) and no database (the calendar
 * is passed in). Who may perform an action is part of the same table (`permission`), checked by
 * `authorize`, so the rules a reviewer reads are in one place; docs/dossiers.md prints the table.
 */
import {
  addWorkingMinutes,
  checkExtension,
  workingMinutesBetween,
  type WorkingCalendar,
} from '../../../kernel/calendar/index.ts';
import { AppError, err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import { mayAccess, type Actor, type Permission, type ResourceLocation } from '../../access/domain.ts';
import { classify, computeDue, suspendedWorkingMinutesWithin } from './deadline.ts';
import type {
  ActorRef,
  CalendarRule,
  Dossier,
  DossierEvent,
  DossierEventType,
  DossierStatus,
  Handover,
  HandoverParty,
  PaymentMethod,
  ReturnMethod,
} from './types.ts';

export const ACTIONS = [
  'receive',
  'forward',
  'handover',
  'request-supplement',
  'supplement',
  'reject',
  'stop',
  'withdraw',
  'apologize',
  'complete',
  'return',
  'record-payment',
] as const;
export type DossierAction = (typeof ACTIONS)[number];

export type DossierCommand =
  | { readonly action: 'receive' }
  | {
      readonly action: 'forward';
      readonly receiverName?: string | undefined;
      readonly note?: string | undefined;
    }
  | {
      readonly action: 'handover';
      readonly giver: HandoverParty;
      readonly receiver: HandoverParty;
      readonly stepName?: string | undefined;
      readonly note?: string | undefined;
    }
  | { readonly action: 'request-supplement'; readonly reason: string; readonly items: readonly string[] }
  | { readonly action: 'supplement'; readonly note?: string | undefined }
  | { readonly action: 'reject'; readonly reason: string }
  | { readonly action: 'stop'; readonly reason: string; readonly legalBasis?: string | undefined }
  | { readonly action: 'withdraw'; readonly reason: string }
  | { readonly action: 'apologize'; readonly reason: string; readonly newDueAt: Date }
  | {
      readonly action: 'complete';
      readonly result: {
        readonly kind: 'electronic' | 'paper';
        readonly number: string;
        readonly fileSha256?: string | undefined;
      };
    }
  | {
      readonly action: 'return';
      readonly method: ReturnMethod;
      readonly receiverName?: string | undefined;
      readonly identity?: 'id_document' | 'authorisation' | undefined;
      readonly authorisationRef?: string | undefined;
      readonly postalItemNumber?: string | undefined;
    }
  | {
      readonly action: 'record-payment';
      readonly feeSeq: number;
      readonly method: PaymentMethod;
      readonly receiptNumber: string;
    };

/** The permissions that own lifecycle steps (see PERMISSIONS in access/domain.ts). */
export type LifecyclePermission = Extract<
  Permission,
  'dossiers.intake' | 'dossiers.process' | 'dossiers.return'
>;

export interface TransitionRule {
  readonly action: DossierAction;
  readonly from: readonly DossierStatus[];
  /** Target state; equal to the source for side actions (hand-over, apology, payment). */
  readonly to: DossierStatus | 'same';
  /** Who owns this step: clerks (intake, return) at the dossier's service point, officers of its agency (process). */
  readonly permission: LifecyclePermission;
}

const OPEN: readonly DossierStatus[] = ['submitted', 'received', 'in_progress', 'supplement_requested'];

/**
 * The transition table. An (action, state) pair may appear in two rows owned by different
 * permissions (e.g. a supplement can arrive at the counter or be recorded by the agency).
 * Anything not listed is refused with DOSSIER_ACTION_NOT_ALLOWED.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'receive', from: ['submitted'], to: 'received', permission: 'dossiers.intake' },
  { action: 'forward', from: ['received'], to: 'in_progress', permission: 'dossiers.intake' },
  { action: 'handover', from: ['in_progress'], to: 'same', permission: 'dossiers.process' },
  {
    action: 'request-supplement',
    from: ['in_progress'],
    to: 'supplement_requested',
    permission: 'dossiers.process',
  },
  { action: 'supplement', from: ['supplement_requested'], to: 'in_progress', permission: 'dossiers.intake' },
  { action: 'supplement', from: ['supplement_requested'], to: 'in_progress', permission: 'dossiers.process' },
  // Refusal at reception (Mẫu 03): the counter still holds the dossier.
  { action: 'reject', from: ['submitted', 'received'], to: 'rejected', permission: 'dossiers.intake' },
  // Rejection after examination: the agency holds it.
  {
    action: 'reject',
    from: ['in_progress', 'supplement_requested'],
    to: 'rejected',
    permission: 'dossiers.process',
  },
  {
    action: 'stop',
    from: ['in_progress', 'supplement_requested'],
    to: 'stopped',
    permission: 'dossiers.process',
  },
  { action: 'withdraw', from: OPEN, to: 'withdrawn', permission: 'dossiers.intake' },
  { action: 'apologize', from: ['in_progress'], to: 'same', permission: 'dossiers.process' },
  { action: 'complete', from: ['in_progress'], to: 'result_ready', permission: 'dossiers.process' },
  { action: 'return', from: ['result_ready'], to: 'returned', permission: 'dossiers.return' },
  { action: 'record-payment', from: [...OPEN, 'result_ready'], to: 'same', permission: 'dossiers.intake' },
];

/** The rules that allow `action` from `status` (empty when the pair is not in the table). */
export function rulesFor(status: DossierStatus, action: DossierAction): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.action === action && r.from.includes(status));
}

/** Where a dossier sits, for scope checks: its service point, competent agency, unit chain and field. */
export function locationOf(
  d: Pick<Dossier, 'servicePoint' | 'agencyCode' | 'unitAncestors' | 'procedure'>,
): ResourceLocation {
  return {
    servicePoint: d.servicePoint.code,
    agency: d.agencyCode,
    unitAncestors: d.unitAncestors,
    field: d.procedure.field,
  };
}

/**
 * Whether the actor owns `action` on this dossier in some state (role and scope, whatever the
 * state). Checked before the version, so a stranger learns nothing about the dossier's version.
 */
export function ownsAction(actor: Actor, d: Dossier, action: DossierAction): boolean {
  const location = locationOf(d);
  return TRANSITIONS.some((r) => r.action === action && mayAccess(actor, r.permission, location));
}

/**
 * Whether the actor owns this step of this dossier. FORBIDDEN when no grant of the owning role
 * covers the dossier; DOSSIER_ACTION_NOT_ALLOWED when the actor could do this action in some state
 * but not in the current one (so a clerk learns "not now" rather than "never").
 */
export function authorize(actor: Actor, d: Dossier, action: DossierAction): Result<TransitionRule, AppError> {
  const location = locationOf(d);
  const applicable = rulesFor(d.status, action);
  const owned = applicable.find((r) => mayAccess(actor, r.permission, location));
  if (owned) return ok(owned);
  if (applicable.length > 0) return err(new AppError('FORBIDDEN'));
  return err(ownsAction(actor, d, action) ? notAllowed(d.status, action) : new AppError('FORBIDDEN'));
}

export interface LifecycleSettings {
  /** How many times an apology may move the due (the "only once" rule, DOMAIN.md §1.6). */
  readonly maxExtensions: number;
  /** Working minutes the counter has to forward a received dossier (judges the first Mẫu 05 row). */
  readonly forwardAllowanceWorkingMinutes: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  maxExtensions: 1,
  forwardAllowanceWorkingMinutes: 480,
};

export interface DecisionContext {
  readonly now: Date;
  readonly actor: ActorRef;
  /** The working calendar of the dossier's service point. */
  readonly calendar: WorkingCalendar;
  /** Which calendar data `calendar` is (stored with every due computed: receipt, supplement). */
  readonly calendarRule: CalendarRule;
  readonly settings: LifecycleSettings;
}

export interface Decision {
  readonly dossier: Dossier;
  readonly events: readonly DossierEvent[];
}

function notAllowed(status: DossierStatus, action: DossierAction): AppError {
  return new AppError('DOSSIER_ACTION_NOT_ALLOWED', {
    detail: `Action ${action} is not allowed while the dossier is ${status}.`,
    details: { status, action },
  });
}

function invalid(params: InvalidParam[]): AppError {
  return new AppError('VALIDATION_FAILED', { invalidParams: params });
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;

/** Decides one command. Pure: the same inputs always give the same answer. */
export function decide(
  d: Dossier,
  command: DossierCommand,
  ctx: DecisionContext,
): Result<Decision, AppError> {
  const rule = rulesFor(d.status, command.action)[0];
  if (!rule) return err(notAllowed(d.status, command.action));
  const target: DossierStatus = rule.to === 'same' ? d.status : rule.to;
  const { now, actor } = ctx;
  const event = (type: DossierEventType, data: Record<string, unknown> = {}): DossierEvent => ({
    type,
    at: now,
    actor,
    data,
  });
  const done = (next: Partial<Dossier>, events: DossierEvent[]): Result<Decision, AppError> =>
    ok({ dossier: { ...d, ...next, status: target, version: d.version + 1 }, events });

  switch (command.action) {
    case 'receive': {
      const received = receiveAt(d, ctx);
      if (!received.ok) return received;
      return done(received.value, [
        event('dossier.received', {
          channel: d.channel,
          effectiveStartAt: received.value.effectiveStartAt,
          dueAt: received.value.dueAt,
        }),
      ]);
    }
    case 'forward': {
      const start = d.effectiveStartAt ?? d.receivedAt ?? now;
      const stepDue = new Date(
        addWorkingMinutes(ctx.calendar, start, ctx.settings.forwardAllowanceWorkingMinutes),
      );
      const row: Handover = {
        seq: d.handovers.length + 1,
        kind: 'forward',
        at: now,
        giver: { name: actor.name, unit: d.servicePoint.name },
        receiver: {
          name: blank(command.receiverName) ? d.procedure.agency.name : (command.receiverName as string),
          unit: d.procedure.agency.name,
        },
        stepName: 'Chuyển hồ sơ đến cơ quan giải quyết',
        stepDueAt: stepDue,
        result: classify(now, stepDue),
        note: command.note ?? null,
      };
      return done({ handovers: [...d.handovers, row] }, [
        event('dossier.forwarded', { agencyCode: d.agencyCode, result: row.result }),
      ]);
    }
    case 'handover': {
      const problems: InvalidParam[] = [];
      if (blank(command.giver.name)) problems.push({ name: 'body/giver/name', reason: 'required' });
      if (blank(command.receiver.name)) problems.push({ name: 'body/receiver/name', reason: 'required' });
      if (problems.length > 0) return err(invalid(problems));
      const stepIndex = d.handovers.filter((h) => h.kind === 'step').length;
      const step = d.procedure.steps[stepIndex];
      const previous = d.handovers[d.handovers.length - 1];
      const stepStart = previous?.at ?? d.effectiveStartAt ?? now;
      let stepDue = d.dueAt;
      if (step && d.effectiveStartAt && d.originalDueAt) {
        const total = workingMinutesBetween(ctx.calendar, d.effectiveStartAt, d.originalDueAt);
        const allotted = (total * step.sharePercent) / 100;
        const paused = suspendedWorkingMinutesWithin(ctx.calendar, d.suspensions, stepStart, now);
        stepDue = new Date(addWorkingMinutes(ctx.calendar, stepStart, allotted + paused));
      }
      const row: Handover = {
        seq: d.handovers.length + 1,
        kind: 'step',
        at: now,
        giver: command.giver,
        receiver: command.receiver,
        stepName: blank(command.stepName)
          ? (step?.name ?? `Bước ${stepIndex + 1}`)
          : (command.stepName as string),
        stepDueAt: stepDue,
        result: stepDue ? classify(now, stepDue) : null,
        note: command.note ?? null,
      };
      return done({ handovers: [...d.handovers, row] }, [
        event('dossier.handed-over', { seq: row.seq, stepName: row.stepName, result: row.result }),
      ]);
    }
    case 'request-supplement': {
      const problems: InvalidParam[] = [];
      if (blank(command.reason)) problems.push({ name: 'body/reason', reason: 'required' });
      if (command.items.length === 0 || command.items.some((i) => blank(i)))
        problems.push({ name: 'body/items', reason: 'list at least one item to supplement' });
      if (problems.length > 0) return err(invalid(problems));
      const next = {
        suspensions: [
          ...d.suspensions,
          {
            seq: d.suspensions.length + 1,
            requestedAt: now,
            resumedAt: null,
            reason: command.reason,
            items: [...command.items],
            requestedBy: actor,
            resumedBy: null,
          },
        ],
        supplementCount: d.supplementCount + 1,
      };
      const due = computeDue({ ...d, ...next }, ctx.calendar);
      if (!due.ok) return due;
      return done({ ...next, dueAt: due.value.due, calendarRule: ctx.calendarRule }, [
        event('dossier.supplement-requested', {
          reason: command.reason,
          items: command.items,
          supplementCount: next.supplementCount,
          // DOMAIN.md §1.5: a second supplement request makes the dossier late.
          countsAsLate: next.supplementCount > 1,
        }),
      ]);
    }
    case 'supplement': {
      const open = d.suspensions.findIndex((s) => s.resumedAt === null);
      const suspensions = d.suspensions.map((s, i) =>
        i === open ? { ...s, resumedAt: now, resumedBy: actor } : s,
      );
      const due = computeDue({ ...d, suspensions }, ctx.calendar);
      if (!due.ok) return due;
      return done({ suspensions, dueAt: due.value.due, calendarRule: ctx.calendarRule }, [
        event('dossier.supplemented', { dueAt: due.value.due, note: command.note ?? null }),
      ]);
    }
    case 'reject':
    case 'stop':
    case 'withdraw': {
      if (blank(command.reason)) return err(invalid([{ name: 'body/reason', reason: 'required' }]));
      const kind =
        command.action === 'reject' ? 'rejected' : command.action === 'stop' ? 'stopped' : 'withdrawn';
      const closing = {
        kind,
        reason: command.reason,
        legalBasis: command.action === 'stop' ? (command.legalBasis ?? null) : null,
        at: now,
        by: actor,
        atReception: d.status === 'submitted' || d.status === 'received',
      } as const;
      // Withdrawal is the applicant's choice, not an end of processing: it counts neither on time nor late.
      const processingEndedAt = kind === 'withdrawn' ? null : now;
      return done({ closing, processingEndedAt }, [
        event(`dossier.${kind}`, { reason: command.reason, atReception: closing.atReception }),
      ]);
    }
    case 'apologize': {
      const problems: InvalidParam[] = [];
      if (blank(command.reason)) problems.push({ name: 'body/reason', reason: 'required' });
      if (Number.isNaN(command.newDueAt.getTime()))
        problems.push({ name: 'body/newDueAt', reason: 'not an instant' });
      if (problems.length > 0) return err(invalid(problems));
      if (d.extensionCount >= ctx.settings.maxExtensions)
        return err(
          new AppError('DOSSIER_APOLOGY_LIMIT_REACHED', { details: { extensionCount: d.extensionCount } }),
        );
      const currentDue = d.dueAt;
      if (!currentDue) return err(notAllowed(d.status, 'apologize'));
      // The apology must be issued before the appointment passes (HCMC QĐ 5157/2016 and others).
      if (now.getTime() > currentDue.getTime())
        return err(
          new AppError('DOSSIER_APOLOGY_TOO_LATE', { details: { dueAt: currentDue.toISOString() } }),
        );
      const checked = checkExtension({
        currentDue,
        newDue: command.newDueAt,
        extensionsSoFar: d.extensionCount,
        maxExtensions: ctx.settings.maxExtensions,
      });
      if (!checked.ok)
        return err(
          checked.error.code === 'DEADLINE_EXTENSION_LIMIT_REACHED'
            ? new AppError('DOSSIER_APOLOGY_LIMIT_REACHED')
            : new AppError('DOSSIER_APOLOGY_NOT_LATER', { details: { dueAt: currentDue.toISOString() } }),
        );
      const apology = {
        issuedAt: now,
        reason: command.reason,
        previousDueAt: currentDue,
        newDueAt: command.newDueAt,
        by: actor,
      };
      return done(
        {
          apologies: [...d.apologies, apology],
          extensionCount: d.extensionCount + 1,
          dueAt: command.newDueAt,
        },
        [
          event('dossier.apologized', {
            reason: command.reason,
            previousDueAt: currentDue.toISOString(),
            newDueAt: command.newDueAt.toISOString(),
          }),
        ],
      );
    }
    case 'complete': {
      if (blank(command.result.number))
        return err(invalid([{ name: 'body/result/number', reason: 'required' }]));
      const due = d.dueAt;
      const result = due ? (d.supplementCount > 1 ? 'late' : classify(now, due)) : null;
      const row: Handover = {
        seq: d.handovers.length + 1,
        kind: 'result',
        at: now,
        giver: { name: actor.name, unit: d.procedure.agency.name },
        receiver: { name: 'Bộ phận tiếp nhận và trả kết quả', unit: d.servicePoint.name },
        stepName: 'Trả kết quả về Bộ phận một cửa',
        stepDueAt: due,
        result,
        note: null,
      };
      return done(
        {
          result: {
            kind: command.result.kind,
            number: command.result.number,
            fileSha256: command.result.fileSha256 ?? null,
            readyAt: now,
          },
          processingEndedAt: now,
          handovers: [...d.handovers, row],
        },
        [event('dossier.result-ready', { resultKind: command.result.kind, timeliness: result })],
      );
    }
    case 'return': {
      const problems: InvalidParam[] = [];
      if (command.method === 'counter') {
        if (blank(command.receiverName))
          problems.push({ name: 'body/receiverName', reason: 'required at the counter' });
        if (!command.identity)
          problems.push({ name: 'body/identity', reason: 'check the ID document or an authorisation' });
        if (command.identity === 'authorisation' && blank(command.authorisationRef))
          problems.push({
            name: 'body/authorisationRef',
            reason: 'required for an authorised representative',
          });
      }
      if (command.method === 'postal' && blank(command.postalItemNumber))
        problems.push({ name: 'body/postalItemNumber', reason: 'required when handed to postal delivery' });
      if (problems.length > 0) return err(invalid(problems));
      const unpaid = d.fees.filter((f) => f.amountVnd > 0 && f.payment === null);
      if (d.procedure.feesBlockReturn && unpaid.length > 0)
        return err(
          new AppError('DOSSIER_FEES_UNPAID', { details: { unpaidFees: unpaid.map((f) => f.seq) } }),
        );
      const returnInfo = {
        method: command.method,
        at: now,
        receiverName: command.receiverName ?? null,
        identity: command.method === 'counter' ? (command.identity ?? null) : null,
        authorisationRef: command.authorisationRef ?? null,
        postalItemNumber: command.postalItemNumber ?? null,
      };
      return done({ returnInfo, returnedAt: now }, [event('dossier.returned', { method: command.method })]);
    }
    case 'record-payment': {
      const fee = d.fees.find((f) => f.seq === command.feeSeq);
      if (!fee) return err(invalid([{ name: 'body/feeSeq', reason: 'no such fee on this dossier' }]));
      if (fee.payment) return err(new AppError('DOSSIER_FEE_ALREADY_PAID', { details: { feeSeq: fee.seq } }));
      if (blank(command.receiptNumber))
        return err(invalid([{ name: 'body/receiptNumber', reason: 'required' }]));
      const payment = { method: command.method, receiptNumber: command.receiptNumber, paidAt: now };
      return done({ fees: d.fees.map((f) => (f.seq === fee.seq ? { ...f, payment } : f)) }, [
        event('dossier.fee-paid', {
          feeSeq: fee.seq,
          amountVnd: fee.amountVnd,
          method: command.method,
          receiptNumber: command.receiptNumber,
        }),
      ]);
    }
  }
}

/**
 * The receipt part of `receive`, shared with counter intake: receipt instant, effective start,
 * due and original due computed by the calendar engine with the snapshot's time limit and cut-off.
 */
export function receiveAt(
  d: Dossier,
  ctx: Pick<DecisionContext, 'now' | 'actor' | 'calendar' | 'calendarRule'>,
): Result<
  Pick<
    Dossier,
    'receivedAt' | 'receivedBy' | 'effectiveStartAt' | 'dueAt' | 'originalDueAt' | 'calendarRule'
  >,
  AppError
> {
  const due = computeDue({ ...d, receivedAt: ctx.now }, ctx.calendar);
  if (!due.ok) return due;
  return ok({
    receivedAt: ctx.now,
    receivedBy: ctx.actor,
    effectiveStartAt: due.value.effectiveStart,
    dueAt: due.value.due,
    originalDueAt: due.value.originalDue,
    calendarRule: ctx.calendarRule,
  });
}
