/**
 * The item lifecycle: every (leg, state, event) triple against an independently written table,
 * who holds the paper in each state, and each event's own rules.
 */
import { describe, expect, it } from 'vitest';
import {
  decide,
  holderKindOf,
  ITEM_EVENT_TYPES,
  ITEM_STATUSES,
  LEGS,
  TRANSITIONS,
  topicOf,
  type DecisionContext,
  type ItemCommand,
  type ItemEventType,
  type ItemStatus,
  type Leg,
  type PostalItem,
  type StaffRef,
} from './lifecycle.ts';

const NOW = new Date('2026-03-02T03:00:00Z');
const COURIER: StaffRef = { id: 'u-courier', username: 'demo.courier', name: 'Lê Văn Bưu Tá' };
const OTHER_COURIER: StaffRef = { id: 'u-other', username: 'other.courier', name: 'Người Khác' };
const CLERK: StaffRef = { id: 'u-clerk', username: 'demo.clerk', name: 'Nguyễn Thị Tiếp Nhận' };
const ID_NUMBER = '064095000123';

/**
 * The expected table, written out by hand from the brief (not derived from TRANSITIONS):
 * `leg:event:from` → target state (`=` keeps the state).
 */
const EXPECTED: Record<string, ItemStatus | '='> = {
  'pickup:assign:created': 'assigned',
  'pickup:assign:assigned': 'assigned',
  'pickup:guide:assigned': '=',
  'pickup:fail-attempt:assigned': '=',
  'pickup:pick-up:assigned': 'picked_up',
  'pickup:hand-over:picked_up': 'handover_pending',
  'pickup:take-over:picked_up': 'at_counter',
  'pickup:take-over:handover_pending': 'at_counter',
  'pickup:cancel:created': 'cancelled',
  'pickup:cancel:assigned': 'cancelled',
  'delivery:assign:created': 'assigned',
  'delivery:assign:assigned': 'assigned',
  'delivery:hand-over:assigned': 'handover_pending',
  'delivery:take-over:assigned': 'with_courier',
  'delivery:take-over:handover_pending': 'with_courier',
  'delivery:out-for-delivery:with_courier': 'out_for_delivery',
  'delivery:out-for-delivery:attempt_failed': 'out_for_delivery',
  'delivery:deliver:out_for_delivery': 'delivered',
  'delivery:fail-attempt:out_for_delivery': 'attempt_failed',
  'delivery:hand-over:with_courier': 'return_pending',
  'delivery:hand-over:attempt_failed': 'return_pending',
  'delivery:take-over:with_courier': 'returned',
  'delivery:take-over:attempt_failed': 'returned',
  'delivery:take-over:return_pending': 'returned',
  'delivery:cancel:created': 'cancelled',
  'delivery:cancel:assigned': 'cancelled',
};

function item(leg: Leg, status: ItemStatus, overrides: Partial<PostalItem> = {}): PostalItem {
  return {
    id: 'i1',
    trackingNumber: 'EE123456785VN',
    leg,
    status,
    version: 3,
    servicePoint: { code: 'H21.52', name: 'Trung tâm Phục vụ hành chính công tỉnh Gia Lai' },
    courier: status === 'created' ? null : COURIER,
    attempts: 0,
    guided: false,
    postageVnd: 22_000,
    feesVnd: leg === 'pickup' ? 200_000 : 0,
    codVnd: 0,
    holder: {
      kind: holderKindOf(leg, status),
      ref: null,
      name: null,
      since: new Date('2026-03-01T00:00:00Z'),
    },
    lastEventAt: new Date('2026-03-01T00:00:00Z'),
    ...overrides,
  };
}

const DOCUMENTS = [
  { index: 1, name: 'Tờ khai', form: 'original' as const, count: 1, mandatory: true },
  { index: 2, name: 'Căn cước', form: 'copy' as const, count: 1, mandatory: true },
  { index: 3, name: 'Ủy quyền', form: 'certified_copy' as const, count: 1, mandatory: false },
];

function ctx(actor: StaffRef = COURIER, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    now: NOW,
    actor,
    maxAttempts: 3,
    documents: DOCUMENTS,
    applicantIdNumber: ID_NUMBER,
    ...overrides,
  };
}

/** A command for `event` that passes the event's own rules. */
function validCommand(event: ItemEventType): ItemCommand {
  switch (event) {
    case 'assign':
      return { type: 'assign', courier: COURIER };
    case 'guide':
      return { type: 'guide', missing: [2] };
    case 'pick-up':
      return {
        type: 'pick-up',
        checklist: [
          { index: 1, present: true },
          { index: 2, present: true },
          { index: 3, present: false },
        ],
        slipSignedByApplicant: true,
        slipSignedByCourier: true,
        sealed: true,
        cashCollected: true,
      };
    case 'deliver':
      return {
        type: 'deliver',
        recipient: { name: 'Nguyễn Văn An', idNumber: ID_NUMBER, relation: 'self' },
        photoSha256: null,
        cashCollected: true,
      };
    case 'fail-attempt':
      return { type: 'fail-attempt', reason: 'absent' };
    case 'cancel':
      return { type: 'cancel', reason: 'Người dân tự nộp tại quầy' };
    default:
      return { type: event };
  }
}

describe('transition table', () => {
  it('has one row per (leg, event, state) and names only known states', () => {
    const seen = new Set<string>();
    for (const rule of TRANSITIONS) {
      for (const from of rule.from) {
        const key = `${rule.leg}:${rule.event}:${from}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        expect(ITEM_STATUSES).toContain(from);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const leg of LEGS) {
    for (const status of ITEM_STATUSES) {
      for (const event of ITEM_EVENT_TYPES) {
        const expected = EXPECTED[`${leg}:${event}:${status}`];
        it(`${leg} ${status} + ${event} → ${expected ?? 'refused'}`, () => {
          const decided = decide(item(leg, status), validCommand(event), ctx());
          if (expected === undefined) {
            expect(decided.ok).toBe(false);
            if (!decided.ok) expect(decided.error.code).toBe('POSTAL_EVENT_NOT_ALLOWED');
            return;
          }
          expect(decided.ok, decided.ok ? '' : `${decided.error.code} ${decided.error.message}`).toBe(true);
          if (!decided.ok) return;
          const to = expected === '=' ? status : expected;
          expect(decided.value.item.status).toBe(to);
          expect(decided.value.item.version).toBe(4);
          expect(decided.value.event).toMatchObject({ type: event, from: status, to, at: NOW });
          expect(decided.value.item.holder.kind).toBe(holderKindOf(leg, to));
          expect(topicOf(leg, event, to)).toMatch(/^postal\./);
        });
      }
    }
  }
});

describe('custody per state', () => {
  it('puts the paper with the citizen, the courier or the counter', () => {
    expect(holderKindOf('pickup', 'assigned')).toBe('citizen');
    expect(holderKindOf('pickup', 'picked_up')).toBe('courier');
    expect(holderKindOf('pickup', 'handover_pending')).toBe('courier');
    expect(holderKindOf('pickup', 'at_counter')).toBe('counter');
    expect(holderKindOf('delivery', 'assigned')).toBe('counter');
    expect(holderKindOf('delivery', 'handover_pending')).toBe('counter');
    expect(holderKindOf('delivery', 'out_for_delivery')).toBe('courier');
    expect(holderKindOf('delivery', 'delivered')).toBe('citizen');
    expect(holderKindOf('delivery', 'returned')).toBe('counter');
  });

  it('moves the holder (and its since) only when custody changes', () => {
    const picked = decide(item('pickup', 'assigned'), validCommand('pick-up'), ctx());
    expect(picked.ok && picked.value.item.holder).toEqual({
      kind: 'courier',
      ref: COURIER.id,
      name: COURIER.name,
      since: NOW,
    });
    const pending = decide(
      item('pickup', 'picked_up', {
        holder: {
          kind: 'courier',
          ref: COURIER.id,
          name: COURIER.name,
          since: new Date('2026-03-01T00:00:00Z'),
        },
      }),
      { type: 'hand-over' },
      ctx(),
    );
    expect(pending.ok && pending.value.item.holder.since).toEqual(new Date('2026-03-01T00:00:00Z'));
    const received = decide(item('pickup', 'handover_pending'), { type: 'take-over' }, ctx(CLERK));
    expect(received.ok && received.value.item.holder).toMatchObject({
      kind: 'counter',
      ref: 'H21.52',
      since: NOW,
    });
    expect(received.ok && received.value.event.place).toBe('H21.52');
  });
});

describe('event rules', () => {
  it('lets only the assigned courier record courier events', () => {
    const r = decide(item('pickup', 'assigned'), validCommand('pick-up'), ctx(OTHER_COURIER));
    expect(!r.ok && r.error.code).toBe('POSTAL_NOT_ASSIGNED_TO_YOU');
  });

  it('refuses a pickup with a missing mandatory document, listing all of them', () => {
    const r = decide(
      item('pickup', 'assigned'),
      {
        ...(validCommand('pick-up') as Extract<ItemCommand, { type: 'pick-up' }>),
        checklist: DOCUMENTS.map((d) => ({ index: d.index, present: false })),
      },
      ctx(),
    );
    expect(!r.ok && r.error.code).toBe('POSTAL_PICKUP_INCOMPLETE');
    expect(!r.ok && r.error.details).toMatchObject({ missing: [{ index: 1 }, { index: 2 }] });
  });

  it('needs both signatures on the slip, the seal and the cash', () => {
    const r = decide(
      item('pickup', 'assigned'),
      {
        ...(validCommand('pick-up') as Extract<ItemCommand, { type: 'pick-up' }>),
        slipSignedByApplicant: false,
        sealed: false,
        cashCollected: false,
      },
      ctx(),
    );
    expect(!r.ok && r.error.invalidParams?.map((p) => p.name)).toEqual([
      'body/slipSignedByApplicant',
      'body/sealed',
      'body/cashCollected',
    ]);
  });

  it('records the cash collected at pickup and at delivery', () => {
    const p = decide(item('pickup', 'assigned'), validCommand('pick-up'), ctx());
    expect(p.ok && p.value.cash).toEqual({ postageVnd: 22_000, feesVnd: 200_000, codVnd: 0 });
    const d = decide(
      item('delivery', 'out_for_delivery', { codVnd: 200_000 }),
      validCommand('deliver'),
      ctx(),
    );
    expect(d.ok && d.value.cash).toEqual({ postageVnd: 22_000, feesVnd: 0, codVnd: 200_000 });
  });

  it('guides once', () => {
    const r = decide(item('pickup', 'assigned', { guided: true }), validCommand('guide'), ctx());
    expect(!r.ok && r.error.code).toBe('POSTAL_EVENT_NOT_ALLOWED');
    const first = decide(item('pickup', 'assigned'), validCommand('guide'), ctx());
    expect(first.ok && first.value.item.guided).toBe(true);
  });

  it('allows at most maxAttempts failed visits', () => {
    const failed = decide(
      item('delivery', 'out_for_delivery', { attempts: 2 }),
      validCommand('fail-attempt'),
      ctx(),
    );
    expect(failed.ok && failed.value.item.attempts).toBe(3);
    const again = decide(
      item('delivery', 'attempt_failed', { attempts: 3 }),
      { type: 'out-for-delivery' },
      ctx(),
    );
    expect(!again.ok && again.error.code).toBe('POSTAL_ATTEMPTS_EXHAUSTED');
    const back = decide(item('delivery', 'attempt_failed', { attempts: 3 }), { type: 'hand-over' }, ctx());
    expect(back.ok && back.value.item.status).toBe('return_pending');
    const pickupFail = decide(
      item('pickup', 'assigned', { attempts: 3 }),
      validCommand('fail-attempt'),
      ctx(),
    );
    expect(!pickupFail.ok && pickupFail.error.code).toBe('POSTAL_ATTEMPTS_EXHAUSTED');
    expect(
      decide(
        item('pickup', 'assigned', { attempts: 1 }),
        validCommand('fail-attempt'),
        ctx(COURIER, { maxAttempts: 2 }),
      ).ok,
    ).toBe(true);
  });

  it('checks the recipient: a valid ID number, the applicant’s own unless authorised', () => {
    const base = validCommand('deliver') as Extract<ItemCommand, { type: 'deliver' }>;
    const wrongId = decide(
      item('delivery', 'out_for_delivery'),
      { ...base, recipient: { ...base.recipient, idNumber: '064095000999' } },
      ctx(),
    );
    expect(!wrongId.ok && wrongId.error.code).toBe('POSTAL_RECIPIENT_MISMATCH');
    const badId = decide(
      item('delivery', 'out_for_delivery'),
      { ...base, recipient: { ...base.recipient, idNumber: '12' } },
      ctx(),
    );
    expect(!badId.ok && badId.error.invalidParams?.[0]?.name).toBe('body/recipient/idNumber');
    const authorised = decide(
      item('delivery', 'out_for_delivery'),
      {
        ...base,
        recipient: {
          name: 'Trần Thị B',
          idNumber: '064195000456',
          relation: 'authorised',
          authorisationRef: 'UQ-12/2026',
        },
      },
      ctx(),
    );
    expect(authorised.ok).toBe(true);
    const noRef = decide(
      item('delivery', 'out_for_delivery'),
      { ...base, recipient: { name: 'Trần Thị B', idNumber: '064195000456', relation: 'authorised' } },
      ctx(),
    );
    expect(!noRef.ok && noRef.error.code).toBe('VALIDATION_FAILED');
    // Recorded event data never carries the recipient's name or ID number.
    expect(JSON.stringify(authorised.ok && authorised.value.event.data)).not.toMatch(/Trần|064195000456/);
  });
});
