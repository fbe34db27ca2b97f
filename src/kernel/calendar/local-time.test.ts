import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  civilFromDayNumber,
  dayNumberFromCivil,
  formatDayNumber,
  formatLocalDateTime,
  localDateOfInstant,
  localInstant,
  parseLocalDate,
  tryParseLocalDate,
  tryParseTimeOfDay,
  weekdayOf,
} from './local-time.ts';

describe('local time (fixed UTC+7)', () => {
  it('day numbers agree with Date.UTC for every day 1899–2201', () => {
    const first = dayNumberFromCivil(1899, 1, 1);
    const last = dayNumberFromCivil(2201, 12, 31);
    let bad = 0;
    for (let d = first; d <= last; d++) {
      const iso = new Date(d * 86_400_000).toISOString();
      const { year, month, day } = civilFromDayNumber(d);
      if (formatDayNumber(d) !== iso.slice(0, 10) || dayNumberFromCivil(year, month, day) !== d) bad++;
      if (weekdayOf(d) !== new Date(d * 86_400_000).getUTCDay()) bad++;
    }
    expect(bad).toBe(0);
  });

  it('a Vietnam local date starts at 17:00 UTC the day before', () => {
    expect(localInstant('2026-02-13', '00:00')).toBe(Date.UTC(2026, 1, 12, 17, 0));
    expect(localDateOfInstant(Date.UTC(2026, 1, 12, 16, 59))).toBe('2026-02-12');
    expect(localDateOfInstant(new Date(Date.UTC(2026, 1, 12, 17, 0)))).toBe('2026-02-13');
    expect(formatLocalDateTime(Date.UTC(2026, 1, 13, 3, 0))).toBe('2026-02-13 10:00');
  });

  it('parses only real dates and times', () => {
    expect(tryParseLocalDate('2024-02-29')).toBe(dayNumberFromCivil(2024, 2, 29));
    expect(tryParseLocalDate('2025-02-29')).toBeUndefined();
    expect(tryParseLocalDate('2025-13-01')).toBeUndefined();
    expect(tryParseLocalDate('25-1-1')).toBeUndefined();
    expect(() => parseLocalDate('nope')).toThrow(RangeError);
    expect(tryParseTimeOfDay('07:00')).toBe(420);
    expect(tryParseTimeOfDay('24:00')).toBe(1440);
    expect(tryParseTimeOfDay('24:01')).toBeUndefined();
    expect(tryParseTimeOfDay('7:00')).toBeUndefined();
  });

  it('adds months clamped to the month end', () => {
    const add = (date: string, n: number): string =>
      formatDayNumber(addMonthsClamped(parseLocalDate(date), n));
    expect(add('2026-01-31', 1)).toBe('2026-02-28');
    expect(add('2024-01-31', 1)).toBe('2024-02-29');
    expect(add('2026-03-31', 1)).toBe('2026-04-30');
    expect(add('2025-11-30', 3)).toBe('2026-02-28');
    expect(add('2026-05-15', 12)).toBe('2027-05-15');
  });
});
