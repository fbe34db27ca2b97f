/**
 * The calendar module's pure parts: instants on the wire, lunar names, year validation (every
 * problem at once), the admin form, schedule layering, rule versions, and the error catalog.
 */
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_ERROR_SPECS,
  createCalendar,
  SHIPPED_YEARS,
  type YearCalendar,
} from '../../src/kernel/calendar/index.ts';
import { ERROR_CATALOG } from '../../src/kernel/errors.ts';
import { calendarInfoFromYears } from '../../src/modules/calendar/calendar.service.ts';
import {
  computeDue,
  formatRuleVersion,
  ruleVersionFor,
} from '../../src/modules/calendar/domain/calendar-info.ts';
import { formatInstant, formatInstantVi, parseInstant } from '../../src/modules/calendar/domain/instants.ts';
import { canChiOfYear, formatLunarLong } from '../../src/modules/calendar/domain/lunar-names.ts';
import { resolveSchedule, type ScheduleRow } from '../../src/modules/calendar/domain/schedule.ts';
import { formOf, parseYearForm } from '../../src/modules/calendar/domain/year-form.ts';
import { describeProblem, validateYearInput } from '../../src/modules/calendar/domain/year-input.ts';

const Y2026 = SHIPPED_YEARS.find((y) => y.year === 2026) as YearCalendar;

describe('instants', () => {
  it('parses ISO 8601 with any offset and refuses text without one', () => {
    const ms = Date.UTC(2026, 1, 13, 3, 0, 0);
    for (const text of [
      '2026-02-13T10:00+07:00',
      '2026-02-13T10:00:00+07:00',
      '2026-02-13 10:00:00.000+0700',
      '2026-02-13T03:00:00Z',
      '2026-02-12T22:00:00-05:00',
      '2026-02-13T03:00:00,0z',
    ]) {
      expect(parseInstant(text), text).toBe(ms);
    }
    expect(parseInstant('2026-02-13T10:00')).toBeUndefined();
    expect(parseInstant('2026-02-13T10:00', { assumeLocal: true })).toBe(ms);
    for (const bad of [
      '2026-02-30T10:00Z',
      '2026-02-13T24:00Z',
      '2026-02-13',
      'yesterday',
      '2026-02-13T10:60Z',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });

  it('formats instants as Vietnam local time with +07:00', () => {
    expect(formatInstant(Date.UTC(2026, 1, 25, 3, 0, 0))).toBe('2026-02-25T10:00:00+07:00');
    expect(formatInstant(Date.UTC(2026, 1, 24, 17, 0, 0, 250))).toBe('2026-02-25T00:00:00.250+07:00');
    expect(formatInstantVi(Date.UTC(2026, 1, 25, 3, 0, 0))).toBe('10:00 Thứ Tư 25/02/2026');
  });
});

describe('lunar names', () => {
  it('names the years and dates', () => {
    expect(canChiOfYear(2026)).toBe('Bính Ngọ');
    expect(canChiOfYear(2025)).toBe('Ất Tỵ');
    expect(canChiOfYear(1984)).toBe('Giáp Tý');
    expect(formatLunarLong({ day: 1, month: 1, year: 2026, leap: false })).toBe(
      'mùng 1 tháng Giêng năm Bính Ngọ',
    );
    expect(formatLunarLong({ day: 29, month: 12, year: 2025, leap: false })).toBe('29 tháng Chạp năm Ất Tỵ');
    expect(formatLunarLong({ day: 15, month: 6, year: 2025, leap: true })).toBe(
      '15 tháng Sáu nhuận năm Ất Tỵ',
    );
  });
});

describe('year validation', () => {
  const valid = {
    status: 'official',
    source: [{ title: 'Thông báo', url: 'https://example.gov.vn/tb' }],
    daysOff: [{ date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' }],
    workingDays: [{ date: '2026-01-10', name: 'Làm bù' }],
  };

  it('accepts valid data and normalises names', () => {
    const r = validateYearInput(2026, {
      ...valid,
      daysOff: [{ date: '2026-01-01', name: '  Tết Dương lịch ', kind: 'holiday' }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.daysOff[0]?.name).toBe('Tết Dương lịch');
  });

  it('reports every problem, in both languages', () => {
    const r = validateYearInput(2026, {
      status: 'draft',
      source: [{ title: '', url: 'ftp://x' }],
      note: 'x'.repeat(5000),
      daysOff: [
        { date: '2026-13-01', name: 'x'.repeat(201), kind: 'holiday' },
        { date: '2027-01-01', name: 'Năm sau', kind: 'tet' },
        { date: '2026-01-10', name: 'Trùng ngày làm bù', kind: 'nope' },
      ],
      workingDays: [
        { date: '2026-01-10', name: 'Làm bù' },
        { date: '2026-01-12', name: '' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => `${p.name}:${p.key}`)).toEqual([
      'status:status_invalid',
      'source/0/title:source_title_required',
      'source/0/url:source_url_invalid',
      'note:note_too_long',
      'daysOff/0/date:date_invalid',
      'daysOff/0/name:name_too_long',
      'daysOff/1/date:date_not_in_year',
      'daysOff/2/kind:kind_invalid',
      'workingDays/0/date:date_duplicate',
      'workingDays/1/date:date_not_weekend',
      'workingDays/1/name:name_required',
    ]);
    const weekend = r.error.find((p) => p.key === 'date_not_weekend');
    expect(weekend && describeProblem(weekend, 'vi')).toBe(
      'Ngày làm bù 12/01/2026 phải là Thứ Bảy hoặc Chủ nhật',
    );
    expect(weekend && describeProblem(weekend, 'en')).toBe('2026-01-12 is not a Saturday or Sunday');
  });

  it('requires a source for an official year but not for an estimated one', () => {
    expect(validateYearInput(2026, { ...valid, source: [] }).ok).toBe(false);
    expect(validateYearInput(2026, { ...valid, status: 'estimated', source: [] }).ok).toBe(true);
  });
});

describe('admin form', () => {
  it('shows existing data and reads a post back, keeping what was typed', () => {
    const form = formOf({ ...Y2026, note: Y2026.note ?? null, revision: 1 });
    expect(form.daysOff).toHaveLength(Y2026.daysOff.length);
    expect(form.expectedRevision).toBe('1');

    const parsed = parseYearForm({
      status: 'official',
      expectedRevision: '1',
      note: '',
      'off-0-date': '2026-01-01',
      'off-0-name': 'Tết Dương lịch',
      'off-0-kind': 'holiday',
      'off-1-date': '2026-01-02',
      'off-1-name': 'Bỏ đi',
      'off-1-kind': 'swapped',
      'off-1-remove': '1',
      'off-2-date': '2027-05-01',
      'off-2-name': '',
      'off-2-kind': '',
      'off-3-date': '',
      'off-3-name': '',
      'off-3-kind': '',
      'work-0-date': '',
      'work-0-name': '',
      'src-0-title': 'TB',
      'src-0-url': 'https://example.gov.vn',
      unrelated: 'x',
    });
    expect(parsed.expectedRevision).toBe(1);
    expect(parsed.form.daysOff.map((d) => [d.date, d.remove])).toEqual([
      ['2026-01-01', false],
      ['2026-01-02', true],
      ['2027-05-01', false],
    ]);
    expect(parsed.input.daysOff.map((d) => d.date)).toEqual(['2026-01-01', '2027-05-01']);
    expect(parsed.input.note).toBeNull();
    const r = validateYearInput(2026, parsed.input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // daysOff/1 of the input is the third row of the form (the second row was removed).
    expect(r.error.map((p) => parsed.fieldOf(p))).toEqual(['off-2-date', 'off-2-name', 'off-2-kind']);
  });
});

describe('schedules', () => {
  const row = (
    id: number,
    servicePointCode: string | null,
    validFrom: string,
    validTo: string | null,
    start: string,
  ): ScheduleRow => ({
    id,
    servicePointCode,
    validFrom,
    validTo,
    periods: [{ start, end: '11:30' }],
    saturdayMorningReceiving: false,
    standardDayMinutes: 480,
  });

  it('layers rows and lets later rows win where they overlap', () => {
    const rows = [
      row(1, null, '2026-05-01', null, '07:30'),
      row(2, 'A', '2026-06-01', null, '07:00'),
      row(3, 'A', '2026-06-15', '2026-08-31', '06:30'),
    ];
    const a = resolveSchedule('A', rows);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value.id).toBe('sp:A#3');
    expect(a.value.schedule.versions.map((v) => [v.validFrom, v.validTo, v.periods[0]?.startMinute])).toEqual(
      [
        ['1900-01-01', '2026-04-30', 420],
        ['2026-05-01', '2026-05-31', 450],
        ['2026-06-01', '2026-06-14', 420],
        ['2026-06-15', '2026-08-31', 390],
        ['2026-09-01', null, 420],
      ],
    );
    const b = resolveSchedule('B', rows);
    expect(b.ok && b.value.id).toBe('province#1');
    const none = resolveSchedule(undefined, []);
    expect(none.ok && none.value.id).toBe('default');
  });
});

describe('rule versions', () => {
  it('names the years a computation touched, with r0 for estimated years', () => {
    expect(
      formatRuleVersion(
        [
          { year: 2026, revision: 2 },
          { year: 2025, revision: 1 },
        ],
        'default',
      ),
    ).toBe('cal:2025r1+2026r2,sched:default');
    const info = calendarInfoFromYears(SHIPPED_YEARS);
    expect(info.ruleVersion).toBe('cal:2024r1+2025r1+2026r1,sched:default');
    expect(ruleVersionFor(info, 2026, 2027)).toBe('cal:2026r1+2027r0,sched:default');
  });

  it('includes a neighbouring year only when one of its entries falls inside the range', () => {
    const y2014: YearCalendar = {
      year: 2014,
      status: 'official',
      source: [],
      daysOff: [],
      workingDays: [{ date: '2014-12-27', name: 'Làm bù cho 2/1/2015' }],
    };
    const y2015: YearCalendar = {
      year: 2015,
      status: 'official',
      source: [],
      daysOff: [{ date: '2015-01-02', name: 'Nghỉ hoán đổi', kind: 'swapped' }],
      workingDays: [],
    };
    const info = {
      ...calendarInfoFromYears([y2014, y2015]),
      calendar: createCalendar({ years: [y2014, y2015] }),
    };
    expect(ruleVersionFor(info, 2014, 2014)).toBe('cal:2014r1,sched:default');
    const crossing = {
      ...info,
      calendar: createCalendar({
        years: [
          { ...y2014, workingDays: [] },
          { ...y2015, workingDays: [{ date: '2014-12-27', name: 'x' }] },
        ],
      }),
    };
    expect(ruleVersionFor(crossing, 2014, 2014)).toBe('cal:2014r1+2015r1,sched:default');
  });

  it('computes the Tết example from the shipped data', () => {
    const r = computeDue(calendarInfoFromYears(SHIPPED_YEARS), {
      start: Date.UTC(2026, 1, 13, 3),
      duration: { value: 3, unit: 'working_days' },
    });
    expect(r.ok && formatInstant(r.value.due ?? 0)).toBe('2026-02-25T10:00:00+07:00');
    expect(r.ok && r.value.ruleVersion).toBe('cal:2026r1,sched:default');
  });
});

describe('error catalog', () => {
  it('carries every engine code with the engine’s status and messages', () => {
    for (const [code, spec] of Object.entries(CALENDAR_ERROR_SPECS)) {
      expect(ERROR_CATALOG[code as keyof typeof ERROR_CATALOG], code).toEqual(spec);
    }
  });
});
