/**
 * The pure lifecycle: every (state, action) pair of the transition table, written out here
 * independently of src/modules/dossiers/domain/lifecycle.ts, plus the business rules that decide
 * enforces (apology once and in time, second supplement late, fees block the return, clock pause).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  DEFAULT_LIFECYCLE_SETTINGS,
  ACTIONS,
  rulesFor,
  type DossierAction,
  type DossierCommand,
} from '../../src/modules/dossiers/domain/lifecycle.ts';
import {
  DOSSIER_STATUSES,
  type Dossier,
  type DossierStatus,
} from '../../src/modules/dossiers/domain/types.ts';
import { timelinessOf } from '../../src/modules/dossiers/domain/timeliness.ts';
import {
  at,
  CALENDAR_RULE,
  CLERK,
  COMMANDS,
  must,
  newDossier,
  OFFICER,
  OFFICIAL_CALENDAR,
  procedureVersion,
  pureDossierIn,
} from './builders.ts';

/** state → action → resulting state (absent: refused with DOSSIER_ACTION_NOT_ALLOWED). */
const EXPECTED: Record<DossierStatus, Partial<Record<DossierAction, DossierStatus>>> = {
  submitted: {
    receive: 'received',
    reject: 'rejected',
    withdraw: 'withdrawn',
    'record-payment': 'submitted',
  },
  received: {
    forward: 'in_progress',
    reject: 'rejected',
    withdraw: 'withdrawn',
    'record-payment': 'received',
  },
  in_progress: {
    handover: 'in_progress',
    'request-supplement': 'supplement_requested',
    reject: 'rejected',
    stop: 'stopped',
    withdraw: 'withdrawn',
    apologize: 'in_progress',
    complete: 'result_ready',
    'record-payment': 'in_progress',
  },
  supplement_requested: {
    supplement: 'in_progress',
    reject: 'rejected',
    stop: 'stopped',
    withdraw: 'withdrawn',
    'record-payment': 'supplement_requested',
  },
  result_ready: { return: 'returned', 'record-payment': 'result_ready' },
  returned: {},
  rejected: {},
  stopped: {},
  withdrawn: {},
};

const ctx = (now: Date) => ({
  now,
  actor: OFFICER,
  calendar: OFFICIAL_CALENDAR,
  calendarRule: CALENDAR_RULE,
  settings: DEFAULT_LIFECYCLE_SETTINGS,
});
const NOW = at('2026-03-05 10:00');

describe('transition table: every (state, action) pair', () => {
  const pairs = DOSSIER_STATUSES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));
  it('covers 9 states × 12 actions', () => expect(pairs).toHaveLength(108));

  it.each(pairs)('%s + %s', (status, action) => {
    const d = pureDossierIn(status);
    expect(d.status).toBe(status);
    const result = decide(d, COMMANDS[action] as DossierCommand, ctx(NOW));
    const expected = EXPECTED[status][action];
    if (expected === undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('DOSSIER_ACTION_NOT_ALLOWED');
      return;
    }
    expect(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`).toBe(true);
    if (!result.ok) return;
    expect(result.value.dossier.status).toBe(expected);
    expect(result.value.dossier.version).toBe(d.version + 1);
    expect(result.value.events).toHaveLength(1);
    expect(result.value.events[0]!.type).toMatch(/^dossier\.[a-z-]+$/);
    expect(result.value.events[0]!.at).toEqual(NOW);
  });

  it.each(pairs)('the declared table has %s + %s exactly as expected', (status, action) => {
    const rules = rulesFor(status, action);
    const expected = EXPECTED[status][action];
    expect(rules.length > 0).toBe(expected !== undefined);
    for (const rule of rules) expect(rule.to === 'same' ? status : rule.to).toBe(expected);
  });

  it('never changes anything on a refused command (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOSSIER_STATUSES), fc.constantFrom(...ACTIONS), (status, action) => {
        const d = pureDossierIn(status);
        const before = JSON.stringify(d);
        decide(d, COMMANDS[action] as DossierCommand, ctx(NOW));
        expect(JSON.stringify(d)).toBe(before);
      }),
    );
  });

  it('any sequence of commands keeps the version equal to 1 + accepted commands (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 15 }), (actions) => {
        let d = pureDossierIn('received');
        let accepted = 0;
        let now = at('2026-03-03 08:00').getTime();
        for (const action of actions) {
          now += 3_600_000;
          const command: DossierCommand =
            action === 'apologize'
              ? { action, reason: 'x', newDueAt: new Date((d.dueAt?.getTime() ?? now) + 86_400_000) }
              : (COMMANDS[action] as DossierCommand);
          const r = decide(d, command, ctx(new Date(now)));
          if (r.ok) {
            expect(EXPECTED[d.status][action]).toBe(r.value.dossier.status);
            d = r.value.dossier;
            accepted += 1;
          }
        }
        expect(d.version).toBe(1 + accepted);
      }),
      { numRuns: 200 },
    );
  });
});

describe('receipt and due', () => {
  it('a counter dossier is received at once with a due from the calendar engine', () => {
    const d = newDossier({ at: at('2026-03-02 09:00') });
    expect(d.status).toBe('received');
    expect(d.receivedAt).toEqual(at('2026-03-02 09:00'));
    // 5 working days = 2,400 working minutes from Monday 09:00 → Monday 09:00 next week.
    expect(d.dueAt).toEqual(at('2026-03-09 09:00'));
    expect(d.originalDueAt).toEqual(d.dueAt);
  });

  it('an online dossier waits as submitted without a due, and receive computes it', () => {
    const d = newDossier({ channel: 'online', at: at('2026-03-06 20:00') });
    expect(d.status).toBe('submitted');
    expect(d.dueAt).toBeNull();
    const received = must(d, { action: 'receive' }, at('2026-03-07 08:00'), CLERK); // Saturday
    expect(received.status).toBe('received');
    // Received on Saturday: the clock starts Monday 07:00, 5 working days → Friday 17:00.
    expect(received.effectiveStartAt).toEqual(at('2026-03-09 07:00'));
    expect(received.dueAt).toEqual(at('2026-03-13 17:00'));
  });

  it('applies the procedure cut-off', () => {
    const d = newDossier({
      at: at('2026-03-02 15:30'),
      version: procedureVersion({ cutoffTime: '15:00', processingTime: { value: 0, unit: 'calendar_days' } }),
    });
    expect(d.effectiveStartAt).toEqual(at('2026-03-03 07:00'));
    expect(d.dueAt).toEqual(at('2026-03-03 17:00'));
  });
});

describe('supplements and timeliness', () => {
  it('stops the clock while waiting and moves the due by exactly the suspended working time', () => {
    let d = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);
    d = must(d, COMMANDS['request-supplement'] as DossierCommand, at('2026-03-03 09:00'));
    expect(d.dueAt).toBeNull();
    expect(timelinessOf(d, at('2026-03-20 09:00'), OFFICIAL_CALENDAR, 480)).toMatchObject({
      state: 'open',
      clockPaused: true,
      bucket: null,
      late: false,
    });
    d = must(d, { action: 'supplement' }, at('2026-03-05 09:00'), CLERK);
    // Suspended Tue 09:00 → Thu 09:00 = 960 working minutes: due Mon 09:00 → Wed 09:00.
    expect(d.dueAt).toEqual(at('2026-03-11 09:00'));
    expect(d.suspensions[0]!.resumedAt).toEqual(at('2026-03-05 09:00'));
  });

  it('a second supplement request makes the dossier late even when it finishes early', () => {
    let d = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);
    d = must(d, COMMANDS['request-supplement'] as DossierCommand, at('2026-03-02 11:00'));
    d = must(d, { action: 'supplement' }, at('2026-03-02 14:00'), CLERK);
    expect(timelinessOf(d, at('2026-03-02 15:00'), OFFICIAL_CALENDAR, 480)).toMatchObject({
      bucket: 'not_yet_due',
      late: false,
    });
    d = must(d, COMMANDS['request-supplement'] as DossierCommand, at('2026-03-02 15:00'));
    expect(timelinessOf(d, at('2026-03-02 15:30'), OFFICIAL_CALENDAR, 480)).toMatchObject({
      late: true,
      lateReason: 'second_supplement',
    });
    d = must(d, { action: 'supplement' }, at('2026-03-02 16:00'), CLERK);
    expect(timelinessOf(d, at('2026-03-02 16:30'), OFFICIAL_CALENDAR, 480)).toMatchObject({
      bucket: 'overdue',
      late: true,
    });
    d = must(d, COMMANDS.complete as DossierCommand, at('2026-03-03 08:00'));
    expect(d.handovers[d.handovers.length - 1]!.result).toBe('late');
    expect(timelinessOf(d, at('2026-03-03 09:00'), OFFICIAL_CALENDAR, 480)).toMatchObject({
      state: 'finished',
      result: 'late',
      lateReason: 'second_supplement',
    });
  });

  it('classifies finished dossiers early / on time / late', () => {
    const inProgress = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);
    const finish = (when: string) =>
      timelinessOf(
        must(inProgress, COMMANDS.complete as DossierCommand, at(when)),
        at('2026-03-20 09:00'),
        OFFICIAL_CALENDAR,
        480,
      ).result;
    expect(finish('2026-03-06 16:00')).toBe('early'); // due Mon 09/03 09:00
    expect(finish('2026-03-09 08:30')).toBe('on_time');
    expect(finish('2026-03-09 09:00')).toBe('on_time'); // exactly at the due is on time
    expect(finish('2026-03-09 09:01')).toBe('late');
  });

  it('buckets open dossiers: nearly due within one working day, overdue after the due', () => {
    const d = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK); // due 09/03 09:00
    const bucket = (when: string) => timelinessOf(d, at(when), OFFICIAL_CALENDAR, 480).bucket;
    expect(bucket('2026-03-05 09:00')).toBe('not_yet_due');
    expect(bucket('2026-03-06 08:59')).toBe('not_yet_due');
    expect(bucket('2026-03-06 09:00')).toBe('nearly_due'); // exactly 480 working minutes left
    expect(bucket('2026-03-09 09:00')).toBe('nearly_due');
    expect(bucket('2026-03-09 09:01')).toBe('overdue');
  });
});

describe('apology (Mẫu 04)', () => {
  const inProgress = () =>
    must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);

  it('moves the due once, and refuses a second apology', () => {
    const d = must(
      inProgress(),
      { action: 'apologize', reason: 'Cần xác minh', newDueAt: at('2026-03-12 17:00') },
      at('2026-03-06 10:00'),
    );
    expect(d.dueAt).toEqual(at('2026-03-12 17:00'));
    expect(d.originalDueAt).toEqual(at('2026-03-09 09:00'));
    expect(d.extensionCount).toBe(1);
    const again = decide(
      d,
      { action: 'apologize', reason: 'Lần nữa', newDueAt: at('2026-03-20 17:00') },
      ctx(at('2026-03-10 10:00')),
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('DOSSIER_APOLOGY_LIMIT_REACHED');
  });

  it('must be issued before the due passes, with a later due', () => {
    const late = decide(
      inProgress(),
      { action: 'apologize', reason: 'Trễ', newDueAt: at('2026-03-20 17:00') },
      ctx(at('2026-03-09 09:01')),
    );
    expect(!late.ok && late.error.code).toBe('DOSSIER_APOLOGY_TOO_LATE');
    const earlier = decide(
      inProgress(),
      { action: 'apologize', reason: 'Sớm', newDueAt: at('2026-03-09 08:00') },
      ctx(at('2026-03-06 10:00')),
    );
    expect(!earlier.ok && earlier.error.code).toBe('DOSSIER_APOLOGY_NOT_LATER');
  });

  it('a supplement after the apology shifts the new due by the suspended working time', () => {
    let d = must(
      inProgress(),
      { action: 'apologize', reason: 'Cần xác minh', newDueAt: at('2026-03-12 17:00') },
      at('2026-03-06 10:00'),
    );
    d = must(d, COMMANDS['request-supplement'] as DossierCommand, at('2026-03-10 09:00'));
    d = must(d, { action: 'supplement' }, at('2026-03-10 13:30'), CLERK); // 150 working minutes
    expect(d.dueAt).toEqual(at('2026-03-13 09:30'));
  });
});

describe('return and fees', () => {
  const ready = (feesPaid: boolean): Dossier =>
    must(
      must(newDossier({ feesPaid }), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK),
      COMMANDS.complete as DossierCommand,
      at('2026-03-03 10:00'),
    );

  it('unpaid fees block the return when the procedure says so', () => {
    const r = decide(ready(false), { action: 'return', method: 'online' }, ctx(at('2026-03-04 10:00')));
    expect(!r.ok && r.error.code).toBe('DOSSIER_FEES_UNPAID');
    const paid = must(
      ready(false),
      { action: 'record-payment', feeSeq: 1, method: 'vietqr', receiptNumber: 'QR-1' },
      at('2026-03-04 09:00'),
      CLERK,
    );
    const paid2 = must(
      paid,
      { action: 'record-payment', feeSeq: 2, method: 'cash', receiptNumber: 'BL-2' },
      at('2026-03-04 09:05'),
      CLERK,
    );
    expect(must(paid2, { action: 'return', method: 'online' }, at('2026-03-04 10:00'), CLERK).status).toBe(
      'returned',
    );
  });

  it('a counter return needs the receiver and an identity check, an authorisation its reference', () => {
    const d = must(
      ready(true),
      { action: 'record-payment', feeSeq: 2, method: 'cash', receiptNumber: 'BL-2' },
      at('2026-03-04 09:00'),
      CLERK,
    );
    const missing = decide(d, { action: 'return', method: 'counter' }, ctx(at('2026-03-04 10:00')));
    expect(!missing.ok && missing.error.invalidParams?.map((p) => p.name)).toEqual([
      'body/receiverName',
      'body/identity',
    ]);
    const noRef = decide(
      d,
      { action: 'return', method: 'counter', receiverName: 'Lê B', identity: 'authorisation' },
      ctx(at('2026-03-04 10:00')),
    );
    expect(!noRef.ok && noRef.error.invalidParams?.[0]?.name).toBe('body/authorisationRef');
    const postal = decide(d, { action: 'return', method: 'postal' }, ctx(at('2026-03-04 10:00')));
    expect(!postal.ok && postal.error.invalidParams?.[0]?.name).toBe('body/postalItemNumber');
  });

  it('a paid fee cannot be paid twice', () => {
    const r = decide(
      ready(true),
      { action: 'record-payment', feeSeq: 1, method: 'cash', receiptNumber: 'X' },
      ctx(at('2026-03-04 10:00')),
    );
    expect(!r.ok && r.error.code).toBe('DOSSIER_FEE_ALREADY_PAID');
  });
});

describe('hand-overs (control slip rows)', () => {
  it('judges each step against its share of the time limit, suspension excluded', () => {
    // Received Mon 02/03 09:00, 5 working days = 2,400 min; step 1 has 60 % = 1,440 min.
    let d = must(newDossier(), COMMANDS.forward as DossierCommand, at('2026-03-02 10:00'), CLERK);
    expect(d.handovers[0]).toMatchObject({
      kind: 'forward',
      result: 'early',
      stepDueAt: at('2026-03-03 09:00'),
    });
    d = must(d, COMMANDS['request-supplement'] as DossierCommand, at('2026-03-03 10:00'));
    d = must(d, { action: 'supplement' }, at('2026-03-04 10:00'), CLERK); // 480 min paused
    d = must(d, COMMANDS.handover as DossierCommand, at('2026-03-06 11:00'));
    // Step 1 from Mon 10:00: 1,440 + 480 paused = 1,920 min = Mon 300 + Tue 480 + Wed 480 + Thu 480 + Fri 180
    // → due Fri 06/03 10:00; handed over at 11:00 → late.
    expect(d.handovers[1]).toMatchObject({
      kind: 'step',
      stepName: 'Thẩm định, xác minh',
      stepDueAt: at('2026-03-06 10:00'),
      result: 'late',
    });
    d = must(d, COMMANDS.handover as DossierCommand, at('2026-03-09 16:00'));
    // Step 2: 40 % = 960 min from Fri 11:00 = Fri 240 + Mon 480 + Tue 240 → Tue 10/03 11:00; done Monday → early.
    expect(d.handovers[2]).toMatchObject({
      stepName: 'Ký, phê duyệt',
      stepDueAt: at('2026-03-10 11:00'),
      result: 'early',
    });
  });
});
