/**
 * The working calendar of a service point, and a fingerprint of the data it was built from.
 *
 * There is no per-service-point schedule table yet, so every point works the default periods
 * (Mon–Fri 07:00–11:30, 13:30–17:00) with the official year data shipped in data/calendar/
 * (`SHIPPED_YEARS`); the service point's `saturdayMorningReceiving` flag only allows receiving on
 * Saturday mornings (the clock starts on Monday, docs/time.md §2). The dossier stores the
 * `CalendarRule` — schedule id plus, for every year the computation may touch, its status and a
 * SHA-256 of its data — so a due computed today can be explained after the data is corrected.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_PERIODS,
  SHIPPED_YEARS,
  createCalendar,
  defineSchedule,
  yearCalendarOf,
  type WorkingCalendar,
  type WorkingSchedule,
  type YearCalendar,
} from '../../kernel/calendar/index.ts';
import type { CalendarRule } from './domain/types.ts';

export interface ServicePointCalendarInput {
  readonly code: string;
  readonly saturdayMorningReceiving: boolean;
}

export interface CalendarSource {
  calendarFor(servicePoint: ServicePointCalendarInput): WorkingCalendar;
  /** Which data a computation starting at `from` used (the year of `from` and the next one). */
  ruleOf(calendar: WorkingCalendar, from: Date): CalendarRule;
}

function scheduleOf(saturday: boolean): WorkingSchedule {
  const r = defineSchedule({
    id: saturday ? 'default+saturday-receiving' : 'default',
    versions: [{ validFrom: '1900-01-01', periods: DEFAULT_PERIODS }],
    saturdayMorningReceiving: saturday,
  });
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Default schedule + shipped official years (or `years`), one calendar object per schedule. */
export class DefaultCalendarSource implements CalendarSource {
  readonly #calendars: Map<boolean, WorkingCalendar>;

  constructor(years: readonly YearCalendar[] = SHIPPED_YEARS) {
    this.#calendars = new Map([
      [false, createCalendar({ schedule: scheduleOf(false), years })],
      [true, createCalendar({ schedule: scheduleOf(true), years })],
    ]);
  }

  calendarFor(servicePoint: ServicePointCalendarInput): WorkingCalendar {
    return this.#calendars.get(servicePoint.saturdayMorningReceiving) as WorkingCalendar;
  }

  ruleOf(calendar: WorkingCalendar, from: Date): CalendarRule {
    const year = new Date(from.getTime() + 7 * 3_600_000).getUTCFullYear();
    // Time limits run for days to months: the receipt year and the next cover every realistic due.
    const years = [year, year + 1].map((y) => {
      const data = yearCalendarOf(calendar, y);
      return { year: y, status: data.status, sha256: sha256(data).slice(0, 16) };
    });
    return { scheduleId: calendar.schedule.id, years };
  }
}
