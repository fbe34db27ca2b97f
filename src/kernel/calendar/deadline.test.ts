import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  checkExtension,
  computeDeadline,
  deadlineBucket,
  effectiveStart,
  isReceivingInstant,
  isWorkingInstant,
  nextWorkingStart,
  workingMinutesBetween,
} from './deadline.ts';
import type { Suspension } from './deadline.ts';
import { parseDuration } from './duration.ts';
import { SHIPPED_YEARS } from './shipped-years.ts';
import { at, DEFAULTS_ONLY, fmt, OFFICIAL } from './test-support.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { createCalendar, dayInfo } from './working-calendar.ts';
import { scheduleOrThrow } from './working-schedule.ts';

interface Opts {
  cutoff?: string;
  suspensions?: readonly (readonly [string, string | null])[];
}

function due(cal: WorkingCalendar, received: string, duration: string, opts: Opts = {}): string | null {
  const d = parseDuration(duration);
  if (!d.ok) throw new Error(d.error.detail);
  const suspensions: Suspension[] = (opts.suspensions ?? []).map(([from, to]) => ({
    from: at(from),
    to: to === null ? null : at(to),
  }));
  const r = computeDeadline(cal, {
    receivedAt: at(received),
    duration: d.value,
    ...(opts.cutoff === undefined ? {} : { cutoff: opts.cutoff }),
    suspensions,
  });
  if (!r.ok) throw new Error(r.error.detail);
  return fmt(r.value.due);
}

describe('working-day deadlines around the official holidays 2024–2026', () => {
  it.each([
    // Tết Bính Ngọ 2026: 16–20/2 off (TB 9441/TB-BNV), weekends 14–15 and 21–22.
    ['Fri before Tết 2026, 3wd (the brief example)', '2026-02-13 10:00', '3wd', '2026-02-25 10:00'],
    ['Fri before Tết 2026, 1wd', '2026-02-13 16:00', '1wd', '2026-02-23 16:00'],
    ['Saturday before Tết 2026', '2026-02-14 09:00', '1wd', '2026-02-23 17:00'],
    ['received during Tết 2026', '2026-02-18 10:00', '0.5wd', '2026-02-23 11:00'],
    // Tết Ất Tỵ 2025: 27–31/1 off.
    ['Fri before Tết 2025', '2025-01-24 15:00', '1wd', '2025-02-03 15:00'],
    // Tết Giáp Thìn 2024: 8–14/2 off, no make-up Saturday.
    ['Wed before Tết 2024', '2024-02-07 09:00', '2wd', '2024-02-16 09:00'],
    // 30/4–1/5/2024: 27/4–1/5 off (29/4 swapped), Saturday 4/5 worked.
    ['across 30/4 2024 into the make-up Saturday', '2024-04-26 14:00', '3wd', '2024-05-04 14:00'],
    ['received on the make-up Saturday 4/5/2024', '2024-05-04 08:00', '1h', '2024-05-04 09:00'],
    // 30/4–1/5/2025: 30/4–4/5 off (2/5 swapped), Saturday 26/4 worked.
    ['received on the make-up Saturday 26/4/2025', '2025-04-26 10:00', '1wd', '2025-04-28 10:00'],
    ['across 30/4 2025', '2025-04-29 16:00', '4wh', '2025-05-05 10:00'],
    // Giỗ Tổ.
    ['across Giỗ Tổ 2024 (Thu 18/4)', '2024-04-17 16:30', '1wd', '2024-04-19 16:30'],
    ['Friday 17:00 before Giỗ Tổ 2025 (Mon 7/4)', '2025-04-04 17:00', '1wd', '2025-04-08 17:00'],
    [
      'Giỗ Tổ 2026 on Sunday, Monday 27/4 compensatory, then 30/4',
      '2026-04-24 10:00',
      '2wd',
      '2026-04-29 10:00',
    ],
    // Quốc khánh.
    ['across 2/9 2024 (2–3/9)', '2024-08-30 11:00', '1wd', '2024-09-04 11:00'],
    ['across 2/9 2025 (1–2/9)', '2025-08-29 13:30', '0.5wd', '2025-09-03 07:30'],
    ['into the make-up Saturday 22/8/2026', '2026-08-21 16:00', '1wd', '2026-08-22 16:00'],
    ['across 2/9 2026 (31/8 swapped, 1–2/9)', '2026-08-28 09:00', '1wd', '2026-09-03 09:00'],
    // Tết Dương lịch.
    ['across 1/1/2026 (2/1 swapped)', '2025-12-31 10:00', '1wd', '2026-01-05 10:00'],
    ['into the make-up Saturday 10/1/2026', '2026-01-09 15:00', '1wd', '2026-01-10 15:00'],
    ['across 1/1/2025 and the year boundary', '2024-12-31 16:00', '1wd', '2025-01-02 16:00'],
  ])('%s: %s + %s → %s', (_label, received, duration, expected) => {
    expect(due(OFFICIAL, received, duration)).toBe(expected);
  });

  it('uses the official Tết 2025 days, not the Labour Code estimate', () => {
    expect(due(DEFAULTS_ONLY, '2025-01-24 15:00', '1wd')).toBe('2025-01-27 15:00');
    expect(due(OFFICIAL, '2025-01-24 15:00', '1wd')).toBe('2025-02-03 15:00');
  });
});

describe('periods, lunch break, after hours, zero durations', () => {
  it.each([
    ['a full day ends at 17:00, not next morning', '2026-03-02 07:00', '1wd', '2026-03-02 17:00'],
    ['a morning ends at 11:30', '2026-03-02 07:00', '4.5h', '2026-03-02 11:30'],
    ['receipt in the lunch break counts from 13:30', '2026-03-02 12:00', '1h', '2026-03-02 14:30'],
    ['receipt at 11:30 exactly counts from 13:30', '2026-03-02 11:30', '1h', '2026-03-02 14:30'],
    ['receipt at 07:00 exactly counts from 07:00', '2026-03-02 07:00', '1h', '2026-03-02 08:00'],
    ['receipt at 17:00 counts from the next morning', '2026-03-02 17:00', '1h', '2026-03-03 08:00'],
    ['receipt in the evening', '2026-03-02 18:45', '2wh', '2026-03-03 09:00'],
    ['receipt before opening', '2026-03-02 06:00', '0.5h', '2026-03-02 07:30'],
    ['work crossing lunch', '2026-03-02 11:00', '1h', '2026-03-02 14:00'],
    ['zero duration = the effective start (weekend)', '2026-03-07 09:00', '0wd', '2026-03-09 07:00'],
    ['zero duration at 11:30 = 13:30', '2026-03-02 11:30', '0wh', '2026-03-02 13:30'],
    ['zero duration inside a period = the receipt', '2026-03-02 09:15', '0wd', '2026-03-02 09:15'],
    ['60 working days', '2026-03-02 07:00', '60wd', '2026-05-27 17:00'],
  ])('%s: %s + %s → %s', (_label, received, duration, expected) => {
    expect(due(OFFICIAL, received, duration)).toBe(expected);
  });
});

describe('cut-off (e.g. 15:00 for same-day procedures)', () => {
  it.each([
    ['before the cut-off counts from the receipt', '2026-03-02 14:59', '1wd', '2026-03-03 14:59'],
    ['at the cut-off counts from the next working day', '2026-03-02 15:00', '1wd', '2026-03-03 17:00'],
    ['after the cut-off on Friday → Monday', '2026-03-06 15:30', '2h', '2026-03-09 09:00'],
    ['after the cut-off before Tết 2026 → after Tết', '2026-02-13 15:00', '2h', '2026-02-23 09:00'],
    ['a same-day result (0cd) before the cut-off', '2026-03-02 14:59', '0cd', '2026-03-02 17:00'],
    ['a same-day result (0cd) after the cut-off', '2026-03-02 15:00', '0cd', '2026-03-03 17:00'],
    ['on a non-working day the cut-off changes nothing', '2026-03-07 16:00', '1h', '2026-03-09 08:00'],
  ])('%s: %s + %s → %s', (_label, received, duration, expected) => {
    expect(due(OFFICIAL, received, duration, { cutoff: '15:00' })).toBe(expected);
  });

  it('effectiveStart applies the same rule and rejects a malformed cut-off', () => {
    expect(fmt(effectiveStart(OFFICIAL, at('2026-03-02 15:00'), '15:00'))).toBe('2026-03-03 07:00');
    expect(fmt(effectiveStart(OFFICIAL, at('2026-03-02 12:00')))).toBe('2026-03-02 13:30');
    expect(() => effectiveStart(OFFICIAL, at('2026-03-02 12:00'), '3pm')).toThrow(RangeError);
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-03-02 12:00'),
      duration: { value: 1, unit: 'working_days' },
      cutoff: '25:00',
    });
    expect(r.ok).toBe(false);
  });
});

describe('calendar days and months (BLDS art. 147–148)', () => {
  it.each([
    ['15 days ending on a Tuesday', '2026-03-02 10:00', '15d', '2026-03-17 17:00'],
    [
      '5 days ending in Tết 2026 → end of the next working day',
      '2026-02-13 10:00',
      '5cd',
      '2026-02-23 17:00',
    ],
    ['1 day ending on a Saturday → Monday', '2026-03-06 10:00', '1cd', '2026-03-09 17:00'],
    ['received on Saturday counts from Monday', '2026-03-14 10:00', '10cd', '2026-03-26 17:00'],
    ['1 month clamped to 28/2 (Saturday) → Monday 2/3', '2026-01-30 10:00', '1m', '2026-03-02 17:00'],
    ['1 month to 30/4 → over 30/4, 1/5 and the weekend', '2026-03-31 10:00', '1m', '2026-05-04 17:00'],
    ['1 month in a leap year (29/2/2024)', '2024-01-31 10:00', '1m', '2024-02-29 17:00'],
    ['12 months', '2025-03-03 10:00', '12m', '2026-03-03 17:00'],
  ])('%s: %s + %s → %s', (_label, received, duration, expected) => {
    expect(due(OFFICIAL, received, duration)).toBe(expected);
  });

  it('rejects fractional calendar durations', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-03-02 10:00'),
      duration: { value: 1.5, unit: 'calendar_days' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_DURATION_INVALID');
  });
});

describe('suspension for supplements (tạm dừng)', () => {
  it('stops the clock across Tết 2026 and resumes when the supplement arrives', () => {
    expect(due(OFFICIAL, '2026-02-09 07:00', '5wd')).toBe('2026-02-13 17:00');
    expect(
      due(OFFICIAL, '2026-02-09 07:00', '5wd', { suspensions: [['2026-02-11 07:00', '2026-02-24 10:00']] }),
    ).toBe('2026-02-27 10:00');
  });

  it('resumes at the next working start when the supplement arrives on a Sunday', () => {
    expect(
      due(OFFICIAL, '2026-03-02 07:00', '3wd', { suspensions: [['2026-03-03 12:00', '2026-03-15 10:00']] }),
    ).toBe('2026-03-17 10:30');
  });

  it('moves the due by exactly the suspended working time', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-03-02 07:00'),
      duration: { value: 3, unit: 'working_days' },
      suspensions: [{ from: at('2026-03-03 10:00'), to: at('2026-03-04 10:00') }],
    });
    expect(r.ok && fmt(r.value.due)).toBe('2026-03-05 17:00');
    expect(r.ok && r.value.suspensions[0]?.workingMinutes).toBe(480);
  });

  it('ignores a suspension requested at or after the due', () => {
    expect(
      due(OFFICIAL, '2026-03-02 07:00', '1wd', { suspensions: [['2026-03-02 17:00', '2026-03-10 10:00']] }),
    ).toBe('2026-03-02 17:00');
  });

  it('merges overlapping suspensions', () => {
    expect(
      due(OFFICIAL, '2026-03-02 07:00', '3wd', {
        suspensions: [
          ['2026-03-03 07:00', '2026-03-05 07:00'],
          ['2026-03-04 07:00', '2026-03-06 07:00'],
        ],
      }),
    ).toBe('2026-03-09 17:00');
  });

  it('has no due while the supplement has not arrived, and reports the remaining time', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-03-02 07:00'),
      duration: { value: 3, unit: 'working_days' },
      suspensions: [{ from: at('2026-03-03 12:00') }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.due).toBeNull();
    expect(r.value.suspended).toBe(true);
    expect(r.value.remainingWorkingMinutes).toBe(1440 - 750);
  });

  it('moves a calendar-day due by the suspended calendar days', () => {
    expect(
      due(OFFICIAL, '2026-03-02 10:00', '15cd', { suspensions: [['2026-03-04 09:00', '2026-03-09 08:00']] }),
    ).toBe('2026-03-23 17:00');
  });

  it('rejects a suspension that ends before it starts', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-03-02 07:00'),
      duration: { value: 3, unit: 'working_days' },
      suspensions: [{ from: at('2026-03-04 07:00'), to: at('2026-03-03 07:00') }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_SUSPENSION_INVALID');
  });
});

describe('extension after an apology (Mẫu 04)', () => {
  it('accepts one later due', () => {
    expect(
      checkExtension({
        currentDue: at('2026-03-05 17:00'),
        newDue: at('2026-03-10 17:00'),
        extensionsSoFar: 0,
      }),
    ).toEqual({
      ok: true,
      value: at('2026-03-10 17:00'),
    });
  });

  it.each([
    ['an earlier due', at('2026-03-04 17:00'), 0, 'DEADLINE_EXTENSION_NOT_LATER'],
    ['the same due', at('2026-03-05 17:00'), 0, 'DEADLINE_EXTENSION_NOT_LATER'],
    ['a second extension', at('2026-03-10 17:00'), 1, 'DEADLINE_EXTENSION_LIMIT_REACHED'],
  ])('rejects %s', (_label, newDue, extensionsSoFar, code) => {
    const r = checkExtension({ currentDue: at('2026-03-05 17:00'), newDue, extensionsSoFar });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('allows more extensions when the setting says so', () => {
    const r = checkExtension({
      currentDue: at('2026-03-05 17:00'),
      newDue: at('2026-03-10 17:00'),
      extensionsSoFar: 1,
      maxExtensions: 2,
    });
    expect(r.ok).toBe(true);
  });
});

describe('dashboard buckets', () => {
  const dueAt = at('2026-02-25 10:00');
  it.each([
    ['2026-02-25 10:01', 'overdue'],
    ['2026-02-25 10:00', 'nearly_due'],
    ['2026-02-24 10:00', 'nearly_due'],
    ['2026-02-24 09:59', 'not_yet_due'],
    ['2026-02-20 10:00', 'not_yet_due'],
  ])('at %s the dossier is %s', (now, bucket) => {
    expect(deadlineBucket(OFFICIAL, { due: dueAt, now: at(now) })).toBe(bucket);
  });

  it('the nearly-due threshold is configurable in working minutes', () => {
    expect(
      deadlineBucket(OFFICIAL, { due: dueAt, now: at('2026-02-24 10:00'), nearlyDueWorkingMinutes: 120 }),
    ).toBe('not_yet_due');
    // During Tết no working time passes: three working days still left on Friday 20/2.
    expect(workingMinutesBetween(OFFICIAL, at('2026-02-20 10:00'), dueAt)).toBe(1140);
  });
});

describe('explanations', () => {
  it('lists the skipped days and why', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-02-13 10:00'),
      duration: { value: 3, unit: 'working_days' },
      explain: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.skippedDays.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2026-02-14 weekend Thứ Bảy',
      '2026-02-15 weekend Chủ nhật',
      '2026-02-16 tet Tết Âm lịch (29 tháng Chạp)',
      '2026-02-17 tet Tết Âm lịch (mùng 1 tháng Giêng)',
      '2026-02-18 tet Tết Âm lịch (mùng 2 tháng Giêng)',
      '2026-02-19 tet Tết Âm lịch (mùng 3 tháng Giêng)',
      '2026-02-20 tet Tết Âm lịch (mùng 4 tháng Giêng)',
      '2026-02-21 weekend Thứ Bảy',
      '2026-02-22 weekend Chủ nhật',
    ]);
  });

  it('names swapped and compensatory days', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2024-02-07 09:00'),
      duration: { value: 2, unit: 'working_days' },
      explain: true,
    });
    expect(r.ok && r.value.skippedDays.filter((d) => d.kind === 'compensatory').map((d) => d.date)).toEqual([
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(r.ok && r.value.skippedDays.find((d) => d.date === '2024-02-10')).toMatchObject({
      kind: 'tet',
      weekend: true,
    });
  });

  it('lists nothing unless asked', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2026-02-13 10:00'),
      duration: { value: 3, unit: 'working_days' },
    });
    expect(r.ok && r.value.skippedDays).toEqual([]);
  });
});

describe('working-time primitives', () => {
  it('periods are half-open: 07:00 is working, 11:30 is not', () => {
    expect(isWorkingInstant(OFFICIAL, at('2026-03-02 07:00'))).toBe(true);
    expect(isWorkingInstant(OFFICIAL, at('2026-03-02 11:29'))).toBe(true);
    expect(isWorkingInstant(OFFICIAL, at('2026-03-02 11:30'))).toBe(false);
    expect(isWorkingInstant(OFFICIAL, new Date(at('2026-03-02 13:30')))).toBe(true);
    expect(isWorkingInstant(OFFICIAL, at('2026-02-17 09:00'))).toBe(false);
  });

  it('nextWorkingStart and workingMinutesBetween', () => {
    expect(fmt(nextWorkingStart(OFFICIAL, at('2026-02-14 09:00')))).toBe('2026-02-23 07:00');
    expect(fmt(nextWorkingStart(OFFICIAL, at('2026-03-02 09:00')))).toBe('2026-03-02 09:00');
    expect(workingMinutesBetween(OFFICIAL, at('2026-03-02 07:00'), at('2026-03-06 17:00'))).toBe(2400);
    expect(workingMinutesBetween(OFFICIAL, at('2026-03-02 11:00'), at('2026-03-02 14:00'))).toBe(60);
    expect(workingMinutesBetween(OFFICIAL, at('2026-03-02 14:00'), at('2026-03-02 11:00'))).toBe(0);
    expect(workingMinutesBetween(OFFICIAL, at('2025-12-31 16:00'), at('2026-01-05 08:00'))).toBe(120);
  });

  it('addWorkingMinutes keeps a period end', () => {
    expect(fmt(addWorkingMinutes(OFFICIAL, at('2026-03-02 07:00'), 270))).toBe('2026-03-02 11:30');
    expect(fmt(addWorkingMinutes(OFFICIAL, at('2026-03-02 07:00'), 271))).toBe('2026-03-02 13:31');
    expect(() => addWorkingMinutes(OFFICIAL, at('2026-03-02 07:00'), -1)).toThrow(RangeError);
  });

  it('reports dates outside 1900–2199 as CALENDAR_OUT_OF_RANGE', () => {
    const r = computeDeadline(OFFICIAL, {
      receivedAt: at('2199-12-30 10:00'),
      duration: { value: 5, unit: 'working_days' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_OUT_OF_RANGE');
    const before = computeDeadline(OFFICIAL, {
      receivedAt: Date.UTC(1899, 0, 1),
      duration: { value: 1, unit: 'working_days' },
    });
    expect(before.ok).toBe(false);
  });
});

describe('service-point schedules', () => {
  const summer = scheduleOrThrow({
    id: 'gia-lai-summer',
    versions: [
      {
        validFrom: '2020-01-06',
        validTo: '2026-03-31',
        periods: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
      {
        validFrom: '2026-04-01',
        periods: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
      },
    ],
    saturdayMorningReceiving: true,
  });
  const cal = createCalendar({ schedule: summer, years: SHIPPED_YEARS });

  it('switches periods on the version date', () => {
    expect(due(cal, '2026-03-31 16:00', '1wd')).toBe('2026-04-01 16:00');
    expect(isWorkingInstant(cal, at('2026-04-01 07:15'))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-03-31 07:15'))).toBe(true);
  });

  it('Saturday-morning receiving accepts dossiers but the clock starts on Monday', () => {
    expect(isReceivingInstant(cal, at('2026-03-07 09:00'))).toBe(true);
    expect(isReceivingInstant(cal, at('2026-03-07 12:00'))).toBe(false);
    expect(isReceivingInstant(cal, at('2026-03-08 09:00'))).toBe(false);
    expect(isReceivingInstant(OFFICIAL, at('2026-03-07 09:00'))).toBe(false);
    // mùng 1 Tết 2024 was a Saturday: a day off, no receiving.
    expect(isReceivingInstant(cal, at('2024-02-10 09:00'))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-03-07 09:00'))).toBe(false);
    expect(due(cal, '2026-03-07 09:00', '1h')).toBe('2026-03-09 08:00');
  });

  it('a standard day other than 480 minutes changes working_days only', () => {
    const short = createCalendar({
      schedule: scheduleOrThrow({
        id: 'short',
        standardDayMinutes: 420,
        versions: [
          {
            validFrom: '2000-01-01',
            periods: [
              { start: '07:30', end: '11:30' },
              { start: '13:30', end: '16:30' },
            ],
          },
        ],
      }),
    });
    expect(due(short, '2026-03-02 07:30', '1wd')).toBe('2026-03-02 16:30');
    expect(due(short, '2026-03-02 07:30', '4h')).toBe('2026-03-02 11:30');
  });

  it('days before the first version have no working time', () => {
    expect(due(cal, '2020-01-03 10:00', '1h')).toBe('2020-01-06 08:00');
    expect(dayInfo(cal, '2020-01-03').reason).toBe('no_schedule');
  });
});
