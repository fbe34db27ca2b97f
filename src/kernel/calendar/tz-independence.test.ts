/**
 * The engine must not depend on the process time zone. vitest runs with TZ=UTC; this file switches
 * the process to America/New_York (Node honours a runtime change of process.env.TZ) and repeats
 * key computations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline } from './deadline.ts';
import { solarToLunar, tetDate } from './lunar.ts';
import { at, fmt, OFFICIAL } from './test-support.ts';
import { createCalendar } from './working-calendar.ts';
import { SHIPPED_YEARS } from './shipped-years.ts';

describe('time-zone independence', () => {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });

  it('really runs in New York time', () => {
    expect(new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset()).toBe(300);
  });

  it('gives the same deadlines, days and lunar dates', () => {
    // A fresh calendar so that no index built under UTC is reused.
    const cal = createCalendar({ years: SHIPPED_YEARS });
    for (const c of [OFFICIAL, cal]) {
      const r = computeDeadline(c, {
        receivedAt: at('2026-02-13 10:00'),
        duration: { value: 3, unit: 'working_days' },
      });
      expect(r.ok && fmt(r.value.due)).toBe('2026-02-25 10:00');
      const m = computeDeadline(c, {
        receivedAt: at('2026-03-31 23:30'),
        duration: { value: 1, unit: 'months' },
      });
      expect(m.ok && fmt(m.value.due)).toBe('2026-05-04 17:00');
    }
    expect(tetDate(2030)).toBe('2030-02-02');
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
  });
});
