import { describe, expect, it } from 'vitest';
import { OFFICIAL } from './test-support.ts';
import { dayInfo } from './working-calendar.ts';
import { DEFAULT_SCHEDULE, defineSchedule, versionOn } from './working-schedule.ts';
import type { WorkingScheduleInput } from './working-schedule.ts';
import { parseLocalDate } from './local-time.ts';
import { yearIndex } from './working-time-index.ts';

const P = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

describe('working schedules', () => {
  it('the default is Monday–Friday 07:00–11:30 and 13:30–17:00, 480 minutes a day', () => {
    expect(DEFAULT_SCHEDULE.standardDayMinutes).toBe(480);
    const info = dayInfo(OFFICIAL, '2026-03-02');
    expect(info.periods).toEqual([
      { startMinute: 420, endMinute: 690 },
      { startMinute: 810, endMinute: 1020 },
    ]);
    expect(dayInfo(OFFICIAL, '2026-03-07').reason).toBe('weekend');
  });

  it.each<[string, WorkingScheduleInput]>([
    ['no versions', { id: 'x', versions: [] }],
    [
      'bad time',
      { id: 'x', versions: [{ validFrom: '2020-01-01', periods: [{ start: '7h', end: '11:30' }] }] },
    ],
    [
      'inverted period',
      { id: 'x', versions: [{ validFrom: '2020-01-01', periods: [{ start: '11:30', end: '07:00' }] }] },
    ],
    [
      'overlapping periods',
      {
        id: 'x',
        versions: [
          {
            validFrom: '2020-01-01',
            periods: [
              { start: '07:00', end: '12:00' },
              { start: '11:30', end: '17:00' },
            ],
          },
        ],
      },
    ],
    [
      'overlapping versions',
      {
        id: 'x',
        versions: [
          { validFrom: '2020-01-01', validTo: '2025-12-31', periods: P },
          { validFrom: '2025-06-01', periods: P },
        ],
      },
    ],
    [
      'inverted version',
      { id: 'x', versions: [{ validFrom: '2020-01-01', validTo: '2019-01-01', periods: P }] },
    ],
    [
      'bad weekday',
      { id: 'x', versions: [{ validFrom: '2020-01-01', periods: P, workingWeekdays: [7 as 0] }] },
    ],
    [
      'zero standard day',
      { id: 'x', standardDayMinutes: 0, versions: [{ validFrom: '2020-01-01', periods: P }] },
    ],
    [
      'bad Saturday window',
      {
        id: 'x',
        saturdayMorningReceiving: { start: '11:00', end: '08:00' },
        versions: [{ validFrom: '2020-01-01', periods: P }],
      },
    ],
  ])('rejects %s', (_label, input) => {
    const r = defineSchedule(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_SCHEDULE_INVALID');
  });

  it('picks the version in force on a date', () => {
    const r = defineSchedule({
      id: 'two',
      versions: [
        { validFrom: '2026-04-01', periods: [{ start: '07:30', end: '11:30' }] },
        { validFrom: '2020-01-01', validTo: '2026-03-31', periods: P },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(versionOn(r.value, parseLocalDate('2026-03-31'))?.validFrom).toBe('2020-01-01');
    expect(versionOn(r.value, parseLocalDate('2026-04-01'))?.validFrom).toBe('2026-04-01');
    expect(versionOn(r.value, parseLocalDate('2019-12-31'))).toBeUndefined();
  });
});

describe('working-time index', () => {
  it('is built once per year, frozen, and shared', () => {
    const a = yearIndex(OFFICIAL, 2026);
    const b = yearIndex(OFFICIAL, 2026);
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.starts)).toBe(true);
    // 2026: 261 weekdays − 13 weekday days off + 2 make-up Saturdays = 250 working days of 480 minutes.
    expect(a.starts.length).toBe(250 * 2);
    expect(a.total).toBe(250 * 480 * 60_000);
  });
});
