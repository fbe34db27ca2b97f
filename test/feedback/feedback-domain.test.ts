/**
 * The PAKN domain, pure: the transition table (every state × action), the deadlines in working
 * days across a weekend and the 30/4–1/5 holidays (shipped 2026 calendar), the clock stopping while
 * the submitter is asked for more, the on-time flags, the effective-dated rules and the form checks.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar, SHIPPED_YEARS } from '../../src/kernel/calendar/index.ts';
import {
  computeDeadlines,
  optionalStepTimeliness,
  rulesInForce,
  stepTimeliness,
  type DeadlineHistory,
  type DeadlineRules,
} from '../../src/modules/feedback/domain/deadlines.ts';
import {
  FEEDBACK_ACTIONS,
  FEEDBACK_STATUSES,
  nextStatus,
  type FeedbackAction,
  type FeedbackStatus,
} from '../../src/modules/feedback/domain/lifecycle.ts';
import { checkSubmission, referenceOf } from '../../src/modules/feedback/domain/submission.ts';

const cal = createCalendar({ years: SHIPPED_YEARS });
const wd = (value: number) => ({ value, unit: 'working_days' as const });
const RULES: DeadlineRules = { reject: wd(2), request_info: wd(5), answer: wd(15), publish: wd(2) };
const at = (local: string) => new Date(`${local}+07:00`);
const NONE = {
  infoRequestedAt: null,
  infoProvidedAt: null,
  rejectedAt: null,
  answeredAt: null,
  publishedAt: null,
};

describe('transition table', () => {
  // Written out independently of the implementation: state → action → next state ('-' = refused).
  const EXPECTED: Record<FeedbackStatus, Record<FeedbackAction, FeedbackStatus | '-'>> = {
    received: {
      reject: 'rejected',
      request_info: 'more_info_requested',
      provide_info: '-',
      assign: 'assigned',
      answer: '-',
      publish: '-',
      withdraw: 'withdrawn',
    },
    more_info_requested: {
      reject: '-',
      request_info: '-',
      provide_info: 'received',
      assign: '-',
      answer: '-',
      publish: '-',
      withdraw: 'withdrawn',
    },
    assigned: {
      reject: '-',
      request_info: '-',
      provide_info: '-',
      assign: 'assigned',
      answer: 'answered',
      publish: '-',
      withdraw: 'withdrawn',
    },
    answered: {
      reject: '-',
      request_info: '-',
      provide_info: '-',
      assign: '-',
      answer: '-',
      publish: 'published',
      withdraw: '-',
    },
    published: {
      reject: '-',
      request_info: '-',
      provide_info: '-',
      assign: '-',
      answer: '-',
      publish: '-',
      withdraw: '-',
    },
    rejected: {
      reject: '-',
      request_info: '-',
      provide_info: '-',
      assign: '-',
      answer: '-',
      publish: '-',
      withdraw: '-',
    },
    withdrawn: {
      reject: '-',
      request_info: '-',
      provide_info: '-',
      assign: '-',
      answer: '-',
      publish: '-',
      withdraw: '-',
    },
  };

  for (const status of FEEDBACK_STATUSES) {
    for (const action of FEEDBACK_ACTIONS) {
      const expected = EXPECTED[status][action];
      it(`${status} × ${action} → ${expected}`, () => {
        const r = nextStatus(status, action, { infoRequestedAt: null });
        if (expected === '-') {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe('FEEDBACK_TRANSITION_NOT_ALLOWED');
        } else {
          expect(r).toEqual({ ok: true, value: expected });
        }
      });
    }
  }

  it('asks the submitter for more only once', () => {
    const r = nextStatus('received', 'request_info', { infoRequestedAt: at('2026-03-02T09:00:00') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FEEDBACK_INFO_ALREADY_REQUESTED');
  });
});

describe('deadlines in working days', () => {
  it('skip a weekend: Friday 10:00 + 2 working days is Tuesday 10:00', () => {
    const r = computeDeadlines({ ...NONE, receivedAt: at('2026-03-06T10:00:00') }, RULES, cal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rejectDue.toISOString()).toBe(at('2026-03-10T10:00:00').toISOString());
  });

  it('skip 30/4 and 1/5 (holidays) and the weekend after them', () => {
    const r = computeDeadlines({ ...NONE, receivedAt: at('2026-04-29T08:00:00') }, RULES, cal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rejectDue.toISOString()).toBe(at('2026-05-05T08:00:00').toISOString());
    expect(r.value.requestInfoDue.toISOString()).toBe(at('2026-05-08T08:00:00').toISOString());
    expect(r.value.answerDue?.toISOString()).toBe(at('2026-05-22T08:00:00').toISOString());
    expect(r.value.publishDue).toBeNull();
    expect(r.value.answeredOnTime).toBeNull();
  });

  const asked: DeadlineHistory = {
    ...NONE,
    receivedAt: at('2026-04-29T08:00:00'),
    infoRequestedAt: at('2026-04-29T10:00:00'),
  };

  it('stop the answer clock while the submitter is asked for more', () => {
    const r = computeDeadlines(asked, RULES, cal);
    expect(r.ok && r.value.answerDue).toBeNull();
  });

  it('move the answer due by the working time waited (Wed 10:00 → Mon 10:00 = 8 working hours = 1 day)', () => {
    const r = computeDeadlines({ ...asked, infoProvidedAt: at('2026-05-04T10:00:00') }, RULES, cal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.answerDue?.toISOString()).toBe(at('2026-05-25T08:00:00').toISOString());
    expect(r.value.rejectDue.toISOString()).toBe(at('2026-05-06T08:00:00').toISOString());
    // The request itself is judged against its own due, from the receipt.
    expect(r.value.requestInfoDue.toISOString()).toBe(at('2026-05-08T08:00:00').toISOString());
  });

  it('judge the answer and the publication on time or late', () => {
    const base = { ...NONE, receivedAt: at('2026-04-29T08:00:00') };
    const onTime = computeDeadlines(
      {
        ...base,
        answeredAt: at('2026-05-22T08:00:00'),
        publishedAt: at('2026-05-26T08:00:00'),
      },
      RULES,
      cal,
    );
    expect(onTime.ok).toBe(true);
    if (!onTime.ok) return;
    expect(onTime.value.answeredOnTime).toBe(true);
    // Answered Fri 22/5 08:00 → publish within 2 working days: Tue 26/5 08:00.
    expect(onTime.value.publishDue?.toISOString()).toBe(at('2026-05-26T08:00:00').toISOString());
    expect(onTime.value.publishedOnTime).toBe(true);
    const late = computeDeadlines(
      { ...base, answeredAt: at('2026-05-22T08:01:00'), publishedAt: at('2026-05-27T09:00:00') },
      RULES,
      cal,
    );
    expect(late.ok && late.value.answeredOnTime).toBe(false);
    expect(late.ok && late.value.publishedOnTime).toBe(false);
  });

  it('judge a rejection against the reject due', () => {
    const base = { ...NONE, receivedAt: at('2026-04-29T08:00:00') };
    const ok = computeDeadlines({ ...base, rejectedAt: at('2026-05-05T07:59:00') }, RULES, cal);
    const late = computeDeadlines({ ...base, rejectedAt: at('2026-05-05T08:30:00') }, RULES, cal);
    expect(ok.ok && ok.value.answeredOnTime).toBe(true);
    expect(late.ok && late.value.answeredOnTime).toBe(false);
  });

  it('step timeliness', () => {
    const due = at('2026-03-10T10:00:00');
    expect(stepTimeliness(null, due, at('2026-03-10T09:00:00'), true)).toBe('pending');
    expect(stepTimeliness(null, due, at('2026-03-10T10:01:00'), true)).toBe('overdue');
    expect(stepTimeliness(at('2026-03-10T10:00:00'), due, at('2026-03-11T00:00:00'), false)).toBe('on_time');
    expect(stepTimeliness(at('2026-03-10T10:00:01'), due, at('2026-03-11T00:00:00'), false)).toBe('late');
    expect(stepTimeliness(null, due, at('2026-03-11T00:00:00'), false)).toBe('not_applicable');
    expect(optionalStepTimeliness(null, due, at('2026-03-10T10:01:00'), true)).toBe('not_applicable');
    expect(optionalStepTimeliness(null, due, at('2026-03-10T09:00:00'), true)).toBe('pending');
  });
});

describe('effective-dated rules', () => {
  const rows = [
    { step: 'reject', value: 2, unit: 'working_days', validFrom: '2022-06-23' },
    { step: 'request_info', value: 5, unit: 'working_days', validFrom: '2022-06-23' },
    { step: 'answer', value: 15, unit: 'working_days', validFrom: '2022-06-23' },
    { step: 'answer', value: 10, unit: 'working_days', validFrom: '2026-07-01' },
    { step: 'publish', value: 2, unit: 'working_days', validFrom: '2022-06-23' },
  ];
  it('take the rule in force on the receipt date', () => {
    const before = rulesInForce(rows, '2026-06-30');
    const after = rulesInForce(rows, '2026-07-01');
    expect(before.ok && before.value.answer).toEqual(wd(15));
    expect(after.ok && after.value.answer).toEqual(wd(10));
  });
  it('refuse a date before any rule', () => {
    const r = rulesInForce(rows, '2022-06-22');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FEEDBACK_DEADLINE_RULES_MISSING');
  });
});

describe('submission checks', () => {
  const good = {
    kind: 'feedback',
    servicePointCode: 'H21.52',
    subject: 'Chờ lâu',
    content: 'Tôi chờ hơn 2 giờ.',
    contact: { name: 'Trần Thị Bình', email: 'binh@example.vn' },
  };
  it('accept a complete submission, NFC and trimmed', () => {
    const r = checkSubmission({ ...good, subject: '  Cho\u0301 lâu ' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.subject).toBe('Chó lâu'.normalize('NFC'));
  });
  it('list every problem with its field', () => {
    const r = checkSubmission({ kind: 'x', subject: '', content: '', contact: { name: '', phone: '123' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'kind:required',
      'servicePointCode:required',
      'subject:required',
      'content:required',
      'contact/name:required',
      'contact/phone:format',
    ]);
    for (const p of r.problems) expect(p.vi && p.en).toBeTruthy();
  });
  it('need an e-mail or a phone', () => {
    const r = checkSubmission({ ...good, contact: { name: 'A' } });
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual(['contact/email']);
  });
  it('format the reference', () => {
    expect(referenceOf('2026-03-02', 7)).toBe('PAKN-20260302-0007');
  });
});
