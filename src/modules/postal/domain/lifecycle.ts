/**
 * The life of a postal item (bưu gửi) as an explicit transition table and a pure `decide`.
 *
 * One item per leg (QĐ 45/2016/QĐ-TTg, Art. 5: sending the dossier and receiving the result are
 * independent options):
 *
 *   pickup   (citizen → service point): created → assigned → picked_up → handover_pending → at_counter
 *   delivery (service point → citizen): created → assigned → handover_pending → with_courier
 *            → out_for_delivery → delivered | attempt_failed → out_for_delivery … → return_pending → returned
 *
 * A hand-over between the counter and a courier has two sides: the giver records `hand-over`, the
 * receiver `take-over`. Either may come first; the hand-over manifest keeps both confirmations and a
 * hand-over confirmed by one side only is flagged in the custody view (custody.ts).
 *
 * Who holds the paper at every moment follows from (leg, status) — `holderKindOf` — so the chain of
 * custody is the list of events. Who may record each event is part of the same table (`by`): the
 * courier assigned to the item, or a clerk of the item's service point. Pure: no I/O, no clock.
 */
import { parseCitizenId } from '../../../kernel/citizen-id.ts';
import { AppError, err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import { evaluateChecklist, type ChecklistEntry, type PostalDocument } from './pickup.ts';

export const LEGS = ['pickup', 'delivery'] as const;
/** `pickup`: the post collects the dossier from the citizen; `delivery`: the post brings the result. */
export type Leg = (typeof LEGS)[number];

export const ITEM_STATUSES = [
  'created',
  'assigned',
  'picked_up',
  'handover_pending',
  'at_counter',
  'with_courier',
  'out_for_delivery',
  'attempt_failed',
  'return_pending',
  'delivered',
  'returned',
  'cancelled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** States after which nothing more happens to the item. */
export const TERMINAL_STATUSES: readonly ItemStatus[] = ['at_counter', 'delivered', 'returned', 'cancelled'];

/** Events a person records (the API's `type`). `created` is recorded by the system with the request. */
export const ITEM_EVENT_TYPES = [
  'assign',
  'guide',
  'pick-up',
  'hand-over',
  'take-over',
  'out-for-delivery',
  'deliver',
  'fail-attempt',
  'cancel',
] as const;
export type ItemEventType = (typeof ITEM_EVENT_TYPES)[number];
export type RecordedEventType = ItemEventType | 'created';

/** Who records an event: the courier assigned to the item, or a clerk at the item's service point. */
export type Side = 'courier' | 'counter';

export interface TransitionRule {
  readonly leg: Leg;
  readonly event: ItemEventType;
  readonly from: readonly ItemStatus[];
  /** Target state; `same` for side events (guidance, a failed pickup visit, reassignment). */
  readonly to: ItemStatus | 'same';
  readonly by: Side;
}

/**
 * The transition table. A (leg, event, state) triple appears in at most one row; anything not
 * listed is refused with POSTAL_EVENT_NOT_ALLOWED. docs/postal.md prints this table.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  // ---- pickup: citizen → service point
  { leg: 'pickup', event: 'assign', from: ['created', 'assigned'], to: 'assigned', by: 'counter' },
  { leg: 'pickup', event: 'guide', from: ['assigned'], to: 'same', by: 'courier' },
  { leg: 'pickup', event: 'fail-attempt', from: ['assigned'], to: 'same', by: 'courier' },
  { leg: 'pickup', event: 'pick-up', from: ['assigned'], to: 'picked_up', by: 'courier' },
  { leg: 'pickup', event: 'hand-over', from: ['picked_up'], to: 'handover_pending', by: 'courier' },
  // The clerk's receipt: the dossier is received in the same request (docs/postal.md §Receipt).
  {
    leg: 'pickup',
    event: 'take-over',
    from: ['picked_up', 'handover_pending'],
    to: 'at_counter',
    by: 'counter',
  },
  { leg: 'pickup', event: 'cancel', from: ['created', 'assigned'], to: 'cancelled', by: 'counter' },
  // ---- delivery: service point → citizen
  { leg: 'delivery', event: 'assign', from: ['created', 'assigned'], to: 'assigned', by: 'counter' },
  { leg: 'delivery', event: 'hand-over', from: ['assigned'], to: 'handover_pending', by: 'counter' },
  {
    leg: 'delivery',
    event: 'take-over',
    from: ['assigned', 'handover_pending'],
    to: 'with_courier',
    by: 'courier',
  },
  {
    leg: 'delivery',
    event: 'out-for-delivery',
    from: ['with_courier', 'attempt_failed'],
    to: 'out_for_delivery',
    by: 'courier',
  },
  { leg: 'delivery', event: 'deliver', from: ['out_for_delivery'], to: 'delivered', by: 'courier' },
  { leg: 'delivery', event: 'fail-attempt', from: ['out_for_delivery'], to: 'attempt_failed', by: 'courier' },
  // Back to the counter: the courier hands the result back, the clerk takes it (either may come first).
  {
    leg: 'delivery',
    event: 'hand-over',
    from: ['with_courier', 'attempt_failed'],
    to: 'return_pending',
    by: 'courier',
  },
  {
    leg: 'delivery',
    event: 'take-over',
    from: ['with_courier', 'attempt_failed', 'return_pending'],
    to: 'returned',
    by: 'counter',
  },
  { leg: 'delivery', event: 'cancel', from: ['created', 'assigned'], to: 'cancelled', by: 'counter' },
];

/** The rule for (leg, event, status), if any. */
export function ruleFor(leg: Leg, event: ItemEventType, status: ItemStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.leg === leg && r.event === event && r.from.includes(status));
}

export type HolderKind = 'citizen' | 'courier' | 'counter';

/**
 * Who holds the paper (the dossier on the pickup leg, the result on the delivery leg) in a state.
 * While a hand-over is pending the giver still holds it: custody moves when the receiver confirms.
 */
export function holderKindOf(leg: Leg, status: ItemStatus): HolderKind {
  if (leg === 'pickup') {
    if (status === 'picked_up' || status === 'handover_pending') return 'courier';
    if (status === 'at_counter') return 'counter';
    return 'citizen';
  }
  switch (status) {
    case 'with_courier':
    case 'out_for_delivery':
    case 'attempt_failed':
    case 'return_pending':
      return 'courier';
    case 'delivered':
      return 'citizen';
    default:
      return 'counter';
  }
}

/** A person as recorded in history (staff only; never an applicant's personal data). */
export interface StaffRef {
  readonly id: string | null;
  readonly username: string;
  readonly name: string;
}

export interface Holder {
  readonly kind: HolderKind;
  /** Courier user id or service point code; null for the citizen. */
  readonly ref: string | null;
  /** Courier's or service point's name; null for the citizen (never an applicant's name). */
  readonly name: string | null;
  readonly since: Date;
}

export const FAIL_REASONS = ['absent', 'refused', 'wrong_address', 'unpaid', 'incomplete', 'other'] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

/** The item as the core sees it (personal data of the applicant stays in the service). */
export interface PostalItem {
  readonly id: string;
  readonly trackingNumber: string;
  readonly leg: Leg;
  readonly status: ItemStatus;
  readonly version: number;
  readonly servicePoint: { readonly code: string; readonly name: string };
  readonly courier: StaffRef | null;
  /** Failed visits so far (pickup or delivery). */
  readonly attempts: number;
  /** The courier has already guided the applicant on missing documents (guide once). */
  readonly guided: boolean;
  /** Cash the courier collects on this leg, in đồng. */
  readonly postageVnd: number;
  readonly feesVnd: number;
  readonly codVnd: number;
  readonly holder: Holder;
  readonly lastEventAt: Date;
}

export type ItemCommand =
  | { readonly type: 'assign'; readonly courier: StaffRef }
  | { readonly type: 'guide'; readonly missing: readonly number[] }
  | {
      readonly type: 'pick-up';
      readonly checklist: readonly ChecklistEntry[];
      readonly slipSignedByApplicant: boolean;
      readonly slipSignedByCourier: boolean;
      readonly sealed: boolean;
      readonly cashCollected: boolean;
    }
  | { readonly type: 'hand-over' }
  | { readonly type: 'take-over' }
  | { readonly type: 'out-for-delivery' }
  | {
      readonly type: 'deliver';
      readonly recipient: {
        readonly name: string;
        readonly idNumber: string;
        readonly relation: 'self' | 'authorised';
        readonly authorisationRef?: string | undefined;
      };
      readonly photoSha256: string | null;
      readonly cashCollected: boolean;
    }
  | { readonly type: 'fail-attempt'; readonly reason: FailReason; readonly note?: string | undefined }
  | { readonly type: 'cancel'; readonly reason: string };

export interface DecisionContext {
  readonly now: Date;
  readonly actor: StaffRef;
  /** At most this many failed visits (setting `postal.maxAttempts`, default 3). */
  readonly maxAttempts: number;
  /** The procedure's document list (pickup check). */
  readonly documents: readonly PostalDocument[];
  /** The applicant's ID number, for the recipient check at delivery (null for organisations). */
  readonly applicantIdNumber: string | null;
}

/** A past-tense fact about an item. `data` carries no personal data (no names, ID numbers, addresses). */
export interface ItemEvent {
  readonly type: RecordedEventType;
  readonly at: Date;
  readonly actor: StaffRef;
  readonly from: ItemStatus | null;
  readonly to: ItemStatus;
  readonly holder: Holder;
  /** Service point code where the event happened (counter events, hand-overs); null at the citizen's address. */
  readonly place: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Decision {
  readonly item: PostalItem;
  readonly event: ItemEvent;
  /** Cash the courier collected with this event (pick-up, deliver). */
  readonly cash: { readonly postageVnd: number; readonly feesVnd: number; readonly codVnd: number } | null;
}

export const cashDueOf = (item: Pick<PostalItem, 'postageVnd' | 'feesVnd' | 'codVnd'>): number =>
  item.postageVnd + item.feesVnd + item.codVnd;

const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;

function notAllowed(item: PostalItem, event: ItemEventType, why?: string): AppError {
  return new AppError('POSTAL_EVENT_NOT_ALLOWED', {
    detail: why ?? `Event ${event} is not allowed on a ${item.leg} item that is ${item.status}.`,
    details: { leg: item.leg, status: item.status, event },
  });
}

const invalid = (params: InvalidParam[]): AppError =>
  new AppError('VALIDATION_FAILED', { invalidParams: params });

/** The holder of `item` in `status` after `command`, keeping `since` when the holder does not change. */
export function holderAfter(
  item: PostalItem,
  status: ItemStatus,
  courier: StaffRef | null,
  now: Date,
): Holder {
  const kind = holderKindOf(item.leg, status);
  const ref = kind === 'courier' ? (courier?.id ?? null) : kind === 'counter' ? item.servicePoint.code : null;
  const name =
    kind === 'courier' ? (courier?.name ?? null) : kind === 'counter' ? item.servicePoint.name : null;
  if (item.holder.kind === kind && item.holder.ref === ref) return { ...item.holder, name };
  return { kind, ref, name, since: now };
}

/** The first event of an item, recorded with the request. */
export function createdEvent(item: PostalItem, actor: StaffRef, now: Date): ItemEvent {
  return {
    type: 'created',
    at: now,
    actor,
    from: null,
    to: item.status,
    holder: item.holder,
    place: null,
    data: { leg: item.leg },
  };
}

/**
 * Decides one command. Checks the table, then the event's own rules (who, completeness, the
 * recipient, the attempt limit). Pure: the same inputs always give the same answer.
 */
export function decide(
  item: PostalItem,
  command: ItemCommand,
  ctx: DecisionContext,
): Result<Decision, AppError> {
  const rule = ruleFor(item.leg, command.type, item.status);
  if (!rule) return err(notAllowed(item, command.type));
  if (rule.by === 'courier' && item.courier !== null && item.courier.id !== ctx.actor.id)
    return err(
      new AppError('POSTAL_NOT_ASSIGNED_TO_YOU', { details: { trackingNumber: item.trackingNumber } }),
    );
  const { now } = ctx;
  let courier = item.courier;
  let attempts = item.attempts;
  let guided = item.guided;
  let data: Record<string, unknown> = {};
  let cash: Decision['cash'] = null;

  switch (command.type) {
    case 'assign':
      courier = command.courier;
      data = { courier: command.courier.username };
      break;
    case 'guide':
      if (item.guided)
        return err(notAllowed(item, 'guide', 'The applicant has already been guided once for this pickup.'));
      if (command.missing.length === 0)
        return err(invalid([{ name: 'body/missing', reason: 'list the missing documents' }]));
      guided = true;
      data = { missing: [...command.missing] };
      break;
    case 'pick-up': {
      const problems: InvalidParam[] = [];
      if (!command.slipSignedByApplicant)
        problems.push({ name: 'body/slipSignedByApplicant', reason: 'the applicant signs the dossier slip' });
      if (!command.slipSignedByCourier)
        problems.push({ name: 'body/slipSignedByCourier', reason: 'the courier signs the dossier slip' });
      if (!command.sealed)
        problems.push({ name: 'body/sealed', reason: 'seal the dossier in the applicant’s presence' });
      if (cashDueOf(item) > 0 && !command.cashCollected)
        problems.push({
          name: 'body/cashCollected',
          reason: `collect ${cashDueOf(item)} đồng (postage and fees)`,
        });
      const checked = evaluateChecklist(ctx.documents, command.checklist);
      if (!checked.ok) return err(invalid(checked.error));
      if (checked.value.missing.length > 0)
        return err(
          new AppError('POSTAL_PICKUP_INCOMPLETE', {
            details: {
              missing: checked.value.missing.map((d) => ({ index: d.index, name: d.name })),
              guided: item.guided,
            },
          }),
        );
      if (problems.length > 0) return err(invalid(problems));
      data = { presented: checked.value.presented.map((d) => d.index), sealed: true, slipSigned: true };
      cash = { postageVnd: item.postageVnd, feesVnd: item.feesVnd, codVnd: 0 };
      break;
    }
    case 'hand-over':
    case 'take-over':
      data = { side: rule.by };
      break;
    case 'out-for-delivery':
      if (item.attempts >= ctx.maxAttempts)
        return err(
          new AppError('POSTAL_ATTEMPTS_EXHAUSTED', {
            details: { attempts: item.attempts, maxAttempts: ctx.maxAttempts },
          }),
        );
      data = { attempt: item.attempts + 1 };
      break;
    case 'deliver': {
      const r = command.recipient;
      const problems: InvalidParam[] = [];
      if (blank(r.name)) problems.push({ name: 'body/recipient/name', reason: 'required' });
      if (!parseCitizenId(r.idNumber).ok)
        problems.push({ name: 'body/recipient/idNumber', reason: '12-digit personal ID number' });
      if (r.relation === 'self' && ctx.applicantIdNumber === null)
        problems.push({
          name: 'body/recipient/relation',
          reason: 'an organisation’s result goes to an authorised person',
        });
      if (r.relation === 'authorised' && blank(r.authorisationRef))
        problems.push({
          name: 'body/recipient/authorisationRef',
          reason: 'required for an authorised person',
        });
      if (cashDueOf(item) > 0 && !command.cashCollected)
        problems.push({
          name: 'body/cashCollected',
          reason: `collect ${cashDueOf(item)} đồng (postage and cash on delivery)`,
        });
      if (problems.length > 0) return err(invalid(problems));
      if (r.relation === 'self' && ctx.applicantIdNumber !== null && r.idNumber !== ctx.applicantIdNumber)
        return err(new AppError('POSTAL_RECIPIENT_MISMATCH'));
      data = {
        recipientChecked: true,
        relation: r.relation,
        photoSha256: command.photoSha256,
        attempt: item.attempts + 1,
      };
      cash = { postageVnd: item.postageVnd, feesVnd: item.feesVnd, codVnd: item.codVnd };
      break;
    }
    case 'fail-attempt':
      if (item.leg === 'pickup' && item.attempts >= ctx.maxAttempts)
        return err(
          new AppError('POSTAL_ATTEMPTS_EXHAUSTED', {
            details: { attempts: item.attempts, maxAttempts: ctx.maxAttempts },
          }),
        );
      attempts = item.attempts + 1;
      data = {
        reason: command.reason,
        note: command.note ?? null,
        attempt: attempts,
        maxAttempts: ctx.maxAttempts,
      };
      break;
    case 'cancel':
      if (blank(command.reason)) return err(invalid([{ name: 'body/reason', reason: 'required' }]));
      data = { reason: command.reason };
      break;
  }

  const to: ItemStatus = rule.to === 'same' ? item.status : rule.to;
  const holder = holderAfter(item, to, courier, now);
  const next: PostalItem = {
    ...item,
    status: to,
    version: item.version + 1,
    courier,
    attempts,
    guided,
    holder,
    lastEventAt: now,
  };
  const event: ItemEvent = {
    type: command.type,
    at: now,
    actor: ctx.actor,
    from: item.status,
    to,
    holder,
    // Counter events and hand-overs happen at the service point; a courier's visits at the citizen's address (never shown).
    place:
      rule.by === 'counter' || command.type === 'hand-over' || command.type === 'take-over'
        ? item.servicePoint.code
        : null,
    data,
  };
  return ok({ item: next, event, cash });
}

/** The outbox topic of an event (docs/postal.md lists them; notifications handle out-for-delivery and delivered). */
export function topicOf(leg: Leg, type: RecordedEventType, to: ItemStatus): string {
  switch (type) {
    case 'created':
      return 'postal.created';
    case 'assign':
      return 'postal.assigned';
    case 'guide':
      return 'postal.guided';
    case 'pick-up':
      return 'postal.picked-up';
    case 'hand-over':
      return to === 'return_pending' ? 'postal.returning' : 'postal.handed-over';
    case 'take-over':
      return to === 'at_counter'
        ? 'postal.received-at-counter'
        : to === 'returned'
          ? 'postal.returned'
          : 'postal.with-courier';
    case 'out-for-delivery':
      return 'postal.out-for-delivery';
    case 'deliver':
      return 'postal.delivered';
    case 'fail-attempt':
      return leg === 'pickup' ? 'postal.pickup-failed' : 'postal.delivery-failed';
    case 'cancel':
      return 'postal.cancelled';
  }
}
