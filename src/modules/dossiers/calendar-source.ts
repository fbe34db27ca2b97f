/**
 * The working calendar of a service point, and the identity of the data it was built from (the
 * rule version stored on the dossier with every due it computes).
 *
 * In the app the calendar module provides both (`CalendarModuleSource`): the service point's own
 * schedule, else the province default, else the engine default, over the stored year revisions;
 * its rule version reads like `cal:2024r1+2025r1+2026r1,sched:default`. `DefaultCalendarSource`
 * (engine default schedule + the official years shipped in data/calendar/) needs no database and
 * serves tools and tests.
 */
import { createHash } from 'node:crypto';
import {
  SHIPPED_YEARS,
  createCalendar,
  type WorkingCalendar,
  type YearCalendar,
} from '../../kernel/calendar/index.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CalendarRule } from './domain/types.ts';

export interface CalendarChoice {
  readonly calendar: WorkingCalendar;
  readonly rule: CalendarRule;
}

export interface CalendarSource {
  /** The calendar of a service point ('' for the province default). Read it outside transactions. */
  calendarFor(servicePointCode: string): Promise<CalendarChoice>;
}

/** The calendar module's calendars (year revisions and schedules stored in the database). */
export class CalendarModuleSource implements CalendarSource {
  constructor(private readonly calendars: CalendarService) {}

  async calendarFor(servicePointCode: string): Promise<CalendarChoice> {
    const info = await this.calendars.calendarFor(servicePointCode || undefined);
    return {
      calendar: info.calendar,
      rule: {
        ruleVersion: info.ruleVersion,
        scheduleId: info.scheduleId,
        years: info.years.map((y) => ({
          year: y.year,
          revision: y.revision,
          status: y.status,
          sha256: y.sha256,
        })),
      },
    };
  }
}

/** Engine default schedule over fixed year data (default: the official years shipped with MotCua). */
export class DefaultCalendarSource implements CalendarSource {
  readonly #choice: CalendarChoice;

  constructor(years: readonly YearCalendar[] = SHIPPED_YEARS) {
    const refs = years.map((y) => ({
      year: y.year,
      revision: 0,
      status: y.status,
      sha256: createHash('sha256').update(JSON.stringify(y)).digest('hex'),
    }));
    this.#choice = {
      calendar: createCalendar({ years }),
      rule: {
        ruleVersion: `cal:${refs.map((r) => `${r.year}r0`).join('+') || 'default'},sched:default`,
        scheduleId: 'default',
        years: refs,
      },
    };
  }

  async calendarFor(): Promise<CalendarChoice> {
    return this.#choice;
  }
}
