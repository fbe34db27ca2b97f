import { describe, expect, it } from 'vitest';
import { dayNumberFromCivil, formatDayNumber } from './local-time.ts';
import { leapMonthOf, lunarMonthInfo, lunarToSolar, solarToLunar, tetDate } from './lunar.ts';

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('round-trips every day from 1900-01-01 to 2199-12-31 and advances one lunar day at a time', () => {
    const first = dayNumberFromCivil(1900, 1, 1);
    const last = dayNumberFromCivil(2199, 12, 31);
    let prev = solarToLunar(first);
    let mismatches = 0;
    let badSteps = 0;
    for (let d = first; d <= last; d++) {
      const l = solarToLunar(d);
      const back = lunarToSolar(l);
      if (!back.ok || back.value !== formatDayNumber(d)) mismatches++;
      if (d > first) {
        const next =
          l.day === prev.day + 1 && l.month === prev.month && l.leap === prev.leap && l.year === prev.year;
        const newMonth = l.day === 1 && (prev.day === 29 || prev.day === 30);
        if (!next && !newMonth) badSteps++;
      }
      prev = l;
    }
    expect(mismatches).toBe(0);
    expect(badSteps).toBe(0);
  });

  it.each([
    // DOMAIN.md §5.2: years where Vietnamese Tết differs from Chinese New Year.
    [1968, '1968-01-29'],
    [1969, '1969-02-16'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2030, '2030-02-02'],
    [2053, '2053-02-18'],
    // DOMAIN.md §5.2 Tết table.
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
  ])('Tết %i is %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it.each([
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
  ])('Giỗ Tổ (10/3 âm lịch) %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toEqual({ ok: true, value: date });
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2031, 3],
    [2033, 11],
    [2024, 0],
    [2026, 0],
  ])('the leap month of %i is %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('lunar year 2024 (Giáp Thìn) ended on the 29th, Quý Mão on the 30th', () => {
    expect(lunarMonthInfo(2024, 12, false)?.length).toBe(29);
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    // The official notices name these lunar days: 8/2/2024 = 29 Chạp, 16/2/2026 = 29 Chạp, 22/2/2026 = mùng 6.
    expect(solarToLunar('2024-02-08')).toMatchObject({ day: 29, month: 12 });
    expect(solarToLunar('2026-02-16')).toMatchObject({ day: 29, month: 12, year: 2025 });
    expect(solarToLunar('2026-02-22')).toMatchObject({ day: 6, month: 1, year: 2026 });
  });

  it('knows the 2033 leap month 11 (the "2033 problem")', () => {
    expect(solarToLunar('2033-12-22')).toEqual({ day: 1, month: 11, year: 2033, leap: true });
  });

  it('rejects lunar dates that do not exist', () => {
    const leapNotLeap = lunarToSolar({ day: 1, month: 5, year: 2025, leap: true });
    expect(leapNotLeap.ok).toBe(false);
    if (!leapNotLeap.ok) expect(leapNotLeap.error.code).toBe('CALENDAR_LUNAR_DATE_INVALID');
    const day30 = lunarToSolar({ day: 30, month: 12, year: 2024, leap: false });
    expect(day30.ok).toBe(false);
    if (!day30.ok) expect(day30.error.code).toBe('CALENDAR_LUNAR_DATE_INVALID');
    for (const bad of [
      { day: 0, month: 1, year: 2025, leap: false },
      { day: 31, month: 1, year: 2025, leap: false },
      { day: 1, month: 13, year: 2025, leap: false },
      { day: 1.5, month: 1, year: 2025, leap: false },
    ]) {
      const r = lunarToSolar(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('CALENDAR_LUNAR_DATE_INVALID');
    }
    const far = lunarToSolar({ day: 1, month: 1, year: 2300, leap: false });
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.error.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toEqual({
      ok: true,
      value: '2025-07-25',
    });
  });

  it('throws for solar dates outside 1900–2199 or malformed', () => {
    expect(() => solarToLunar('1899-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2200-01-01')).toThrow(RangeError);
    expect(() => solarToLunar('2025-02-30')).toThrow(RangeError);
  });
});
