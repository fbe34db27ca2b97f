import { describe, expect, it } from 'vitest';
import type { YearCalendar } from './holidays.ts';
import { buildDefaultYear, parseYearCalendar } from './holidays.ts';
import { SHIPPED_YEARS } from './shipped-years.ts';
import { DEFAULTS_ONLY, OFFICIAL } from './test-support.ts';
import { createCalendar, dayInfo, yearCalendarOf } from './working-calendar.ts';

function offDates(y: YearCalendar): string[] {
  return y.daysOff.map((d) => d.date);
}

function shipped(year: number): YearCalendar {
  const y = SHIPPED_YEARS.find((x) => x.year === year);
  if (!y) throw new Error(`no shipped ${year}`);
  return y;
}

describe('Labour Code default year (buildDefaultYear)', () => {
  it('gives 11 holidays: 1/1, five Tết days, Giỗ Tổ, 30/4, 1/5, 2/9 and an adjacent day', () => {
    const y = buildDefaultYear(2026);
    expect(y.status).toBe('estimated');
    expect(y.daysOff.filter((d) => d.kind !== 'compensatory')).toHaveLength(11);
    expect(y.workingDays).toEqual([]);
  });

  it('Tết = the last day of the lunar year and mùng 1–4 (2026: 16/2–20/2, as the official notice)', () => {
    const tet = buildDefaultYear(2026)
      .daysOff.filter((d) => d.kind === 'tet')
      .map((d) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('without a decision the last day of Giáp Thìn is the 29th (28/1/2025), not a hard-coded 30 Tết', () => {
    const y = buildDefaultYear(2025);
    expect(y.daysOff.find((d) => d.date === '2025-01-28')).toMatchObject({
      kind: 'tet',
      name: 'Tết Âm lịch (29 tháng Chạp)',
    });
  });

  it('a holiday on a weekend gives the next working day off (compensatory)', () => {
    // 2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4.
    expect(buildDefaultYear(2026).daysOff.find((d) => d.date === '2026-04-27')?.kind).toBe('compensatory');
    // 2024: Tết mùng 1–2 on Saturday/Sunday → two compensatory days after the Tết block.
    const y2024 = buildDefaultYear(2024);
    expect(y2024.daysOff.filter((d) => d.kind === 'compensatory').map((d) => d.date)).toEqual([
      '2024-02-14',
      '2024-02-15',
    ]);
    // 2027: 1/5 on Saturday → Monday 3/5.
    expect(buildDefaultYear(2027).daysOff.find((d) => d.date === '2027-05-03')?.kind).toBe('compensatory');
  });

  it('the National Day adjacent day follows the weekday rule that reproduces 2024–2026', () => {
    expect(offDates(buildDefaultYear(2024))).toContain('2024-09-03'); // 2/9 Monday → 3/9
    expect(offDates(buildDefaultYear(2025))).toContain('2025-09-01'); // Tuesday → 1/9
    expect(offDates(buildDefaultYear(2026))).toContain('2026-09-01'); // Wednesday → 1/9
  });

  it('builds every year 1900–2199 without overlaps and rejects others', () => {
    for (let year = 1900; year <= 2199; year++) {
      const y = buildDefaultYear(year);
      expect(new Set(offDates(y)).size).toBe(y.daysOff.length);
    }
    expect(() => buildDefaultYear(1899)).toThrow(RangeError);
    expect(() => buildDefaultYear(2200)).toThrow(RangeError);
  });

  it('2026 defaults equal the official days off except the decided swaps', () => {
    const official = offDates(shipped(2026)).filter(
      (d) => shipped(2026).daysOff.find((x) => x.date === d)?.kind !== 'swapped',
    );
    expect(offDates(buildDefaultYear(2026))).toEqual(official);
  });
});

describe('shipped official years', () => {
  it('are all official, sourced, and parse back to themselves', () => {
    for (const y of SHIPPED_YEARS) {
      expect(y.status).toBe('official');
      expect(y.source.length).toBeGreaterThan(0);
      expect(parseYearCalendar(JSON.parse(JSON.stringify(y)))).toEqual({ ok: true, value: y });
    }
  });

  it.each([
    ['2024-02-08', 'tet'],
    ['2024-02-12', 'tet'],
    ['2024-02-13', 'compensatory'],
    ['2024-02-14', 'compensatory'],
    ['2024-04-29', 'swapped'],
    ['2025-01-27', 'tet'],
    ['2025-01-31', 'tet'],
    ['2025-05-02', 'swapped'],
    ['2025-09-01', 'holiday'],
    ['2026-01-02', 'swapped'],
    ['2026-02-20', 'tet'],
    ['2026-04-27', 'compensatory'],
    ['2026-08-31', 'swapped'],
  ])('%s is a day off (%s)', (date, kind) => {
    const info = dayInfo(OFFICIAL, date);
    expect(info.working).toBe(false);
    expect(info.reason).toBe('day_off');
    expect(info.dayOff?.kind).toBe(kind);
    expect(info.yearStatus).toBe('official');
  });

  it.each(['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22'])(
    'Saturday %s is a make-up working day',
    (date) => {
      const info = dayInfo(OFFICIAL, date);
      expect(info.weekday).toBe(6);
      expect(info.working).toBe(true);
      expect(info.makeUp).not.toBeNull();
      expect(dayInfo(DEFAULTS_ONLY, date).working).toBe(false);
    },
  );

  it('Tết 2024 had no make-up Saturday: 17/2/2024 is a weekend day, 15/2/2024 a working day', () => {
    expect(dayInfo(OFFICIAL, '2024-02-17').reason).toBe('weekend');
    expect(dayInfo(OFFICIAL, '2024-02-15').working).toBe(true);
  });

  it('official data overrides the defaults: 27/1/2025 is Tết officially, a working day by default', () => {
    expect(dayInfo(OFFICIAL, '2025-01-27').working).toBe(false);
    expect(dayInfo(DEFAULTS_ONLY, '2025-01-27').working).toBe(true);
    expect(dayInfo(DEFAULTS_ONLY, '2025-02-03').dayOff?.kind).toBe('compensatory');
    expect(dayInfo(OFFICIAL, '2025-02-03').working).toBe(true);
  });

  it('years without data are estimated', () => {
    expect(yearCalendarOf(OFFICIAL, 2027).status).toBe('estimated');
    expect(dayInfo(OFFICIAL, '2027-02-08').yearStatus).toBe('estimated');
  });
});

describe('parseYearCalendar', () => {
  const base = {
    year: 2030,
    status: 'official',
    source: [{ title: 't', url: 'u' }],
    daysOff: [{ date: '2030-01-01', name: 'Tết Dương lịch', kind: 'holiday' }],
    workingDays: [],
  };

  it('accepts a minimal year', () => {
    expect(parseYearCalendar(base).ok).toBe(true);
  });

  it.each([
    ['not an object', 42],
    ['bad year', { ...base, year: 1800 }],
    ['bad status', { ...base, status: 'draft' }],
    ['bad date', { ...base, daysOff: [{ date: '2030-02-30', name: 'x', kind: 'holiday' }] }],
    ['far date', { ...base, daysOff: [{ date: '2032-01-01', name: 'x', kind: 'holiday' }] }],
    ['bad kind', { ...base, daysOff: [{ date: '2030-01-01', name: 'x', kind: 'party' }] }],
    [
      'duplicate date',
      {
        ...base,
        daysOff: [
          { date: '2030-01-01', name: 'x', kind: 'holiday' },
          { date: '2030-01-01', name: 'y', kind: 'holiday' },
        ],
      },
    ],
    ['make-up on a weekday', { ...base, workingDays: [{ date: '2030-01-02', name: 'x' }] }],
    ['missing source', { ...base, source: undefined }],
  ])('rejects %s', (_label, value) => {
    const r = parseYearCalendar(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_YEAR_DATA_INVALID');
  });

  it('applies a neighbouring year entry that crosses New Year (make-up day in the previous December)', () => {
    const y2015 = parseYearCalendar({
      year: 2015,
      status: 'official',
      source: [],
      daysOff: [{ date: '2015-01-02', name: 'Nghỉ hoán đổi', kind: 'swapped' }],
      workingDays: [{ date: '2014-12-27', name: 'Làm bù' }],
    });
    expect(y2015.ok).toBe(true);
    if (!y2015.ok) return;
    const cal = createCalendar({ years: [y2015.value] });
    expect(dayInfo(cal, '2014-12-27').working).toBe(true);
    expect(dayInfo(cal, '2015-01-02').working).toBe(false);
    expect(dayInfo(cal, '2014-12-27').yearStatus).toBe('estimated');
  });
});
