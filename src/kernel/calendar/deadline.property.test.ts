import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeadline, effectiveStart, isWorkingInstant, workingMinutesBetween } from './deadline.ts';
import { dayNumberFromCivil, MS_PER_MINUTE, startOfLocalDay } from './local-time.ts';
import { naiveDue, naiveWorkingMinutesBetween } from './naive-reference.ts';
import { SHIPPED_YEARS } from './shipped-years.ts';
import { OFFICIAL } from './test-support.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { createCalendar } from './working-calendar.ts';
import { scheduleOrThrow } from './working-schedule.ts';
import { addWorkingMs, nextWorkingStartMs } from './working-time-index.ts';

/** A second calendar with effective-dated periods, a Saturday-morning version and a shorter day. */
const VARIED: WorkingCalendar = createCalendar({
  years: SHIPPED_YEARS,
  schedule: scheduleOrThrow({
    id: 'varied',
    standardDayMinutes: 450,
    versions: [
      {
        validFrom: '2023-01-01',
        validTo: '2025-06-30',
        periods: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '16:30' },
        ],
      },
      {
        validFrom: '2025-07-01',
        validTo: '2025-12-31',
        periods: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '12:15' },
          { start: '13:30', end: '17:15' },
        ],
        workingWeekdays: [1, 2, 3, 4, 5, 6],
      },
      {
        validFrom: '2026-01-01',
        periods: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
    ],
  }),
});

const FIRST_MINUTE = startOfLocalDay(dayNumberFromCivil(2023, 6, 1)) / MS_PER_MINUTE;
const LAST_MINUTE = startOfLocalDay(dayNumberFromCivil(2027, 6, 1)) / MS_PER_MINUTE;

/** Whole-minute instants between mid-2023 and mid-2027 (official years and estimated ones). */
const instant = fc.integer({ min: FIRST_MINUTE, max: LAST_MINUTE }).map((m) => m * MS_PER_MINUTE);
/** Working durations in minutes, mostly short, some up to 20 working days. */
const minutes = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 480 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2400 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9600 }) },
);
const calendar = fc.constantFrom(OFFICIAL, VARIED);
const cutoff = fc.option(fc.integer({ min: 8 * 60, max: 17 * 60 }), { nil: undefined });

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function dueOf(cal: WorkingCalendar, t: number, workMinutes: number, cutoffMinute?: number): number {
  const r = computeDeadline(cal, {
    receivedAt: t,
    duration: { value: workMinutes / 60, unit: 'working_hours' },
    cutoff: cutoffMinute === undefined ? null : hhmm(cutoffMinute),
  });
  if (!r.ok || r.value.due === null) throw new Error('unexpected');
  return r.value.due;
}

describe('deadline properties', () => {
  it('a later receipt never gives an earlier due (with and without cut-off)', () => {
    fc.assert(
      fc.property(calendar, instant, instant, minutes, cutoff, (cal, a, b, m, c) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        expect(dueOf(cal, t1, m, c)).toBeLessThanOrEqual(dueOf(cal, t2, m, c));
      }),
      { numRuns: 5000 },
    );
  });

  it('additivity: from a working instant t, due(due(t, a), b) = due(t, a + b) for b > 0', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, raw, a, b) => {
        const t = nextWorkingStartMs(cal, raw);
        const ms = (x: number): number => x * MS_PER_MINUTE;
        if (b > 0)
          expect(addWorkingMs(cal, addWorkingMs(cal, t, ms(a)), ms(b))).toBe(addWorkingMs(cal, t, ms(a + b)));
        // With b = 0 the outer call returns the next working start: equal unless due(t, a) is a period end.
        const d = addWorkingMs(cal, t, ms(a));
        const again = addWorkingMs(cal, d, 0);
        if (isWorkingInstant(cal, d)) expect(again).toBe(d);
        else expect(again).toBeGreaterThan(d);
      }),
      { numRuns: 5000 },
    );
  });

  it('a due instant is working time or the end of a working period, never elsewhere', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, t, m) => {
        fc.pre(m > 0);
        const d = addWorkingMs(cal, t, m * MS_PER_MINUTE);
        const atPeriodEnd = !isWorkingInstant(cal, d) && isWorkingInstant(cal, d - 1);
        expect(isWorkingInstant(cal, d) || atPeriodEnd).toBe(true);
        // Exactly m working minutes elapse between the effective start and the due.
        expect(workingMinutesBetween(cal, effectiveStart(cal, t), d)).toBe(m);
      }),
      { numRuns: 5000 },
    );
  });

  it('equals the naive minute-by-minute reference on 100,000 random cases', () => {
    const suspension = fc
      .tuple(
        fc.integer({ min: -2 * 1440, max: 20 * 1440 }),
        fc.integer({ min: 0, max: 10 * 1440 }),
        fc.boolean(),
      )
      .map(([offset, length, open]) => ({ offset, length, open }));
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        cutoff,
        fc.oneof(
          { weight: 8, arbitrary: fc.constant([]) },
          { weight: 2, arbitrary: fc.array(suspension, { minLength: 1, maxLength: 2 }) },
        ),
        (cal, t, m, c, rawSuspensions) => {
          // At most one open suspension, and it must be the last one.
          const sorted = [...rawSuspensions].sort((x, y) => x.offset - y.offset);
          const list = sorted.map((s, i) => ({
            from: t + s.offset * MS_PER_MINUTE,
            to: s.open && i === sorted.length - 1 ? null : t + (s.offset + s.length) * MS_PER_MINUTE,
          }));
          const r = computeDeadline(cal, {
            receivedAt: t,
            duration: { value: m / 60, unit: 'working_hours' },
            cutoff: c === undefined ? null : hhmm(c),
            suspensions: list,
          });
          if (!r.ok) return false;
          const naive = naiveDue(cal, t, m, {
            ...(c === undefined ? {} : { cutoffMinute: c }),
            suspensions: list,
          });
          // A plain boolean (not expect) keeps 100,000 runs fast; fast-check prints the counterexample.
          return r.value.due === naive;
        },
      ),
      { numRuns: 100_000 },
    );
  }, 120_000);

  it('working minutes between two instants equal the naive count', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 12 * 1440 }), (cal, a, span) => {
        const b = a + span * MS_PER_MINUTE;
        expect(workingMinutesBetween(cal, a, b)).toBe(naiveWorkingMinutesBetween(cal, a, b));
      }),
      { numRuns: 3000 },
    );
  });
});
