/**
 * Tables of the calendar module (re-exported by src/adapters/db/schema.ts).
 *
 * - `calendar_year`: the days off and make-up working days of a solar year, versioned. Every change
 *   is a new row with the next `revision`; the highest revision of a year is in force; rows are never
 *   updated or deleted (a trigger in the migration refuses it), so a dossier that stored the revision
 *   it was computed with can always be explained.
 * - `working_schedule`: effective-dated working periods of a service point, or of the province
 *   (`service_point_code` null) as the default for service points without their own rows.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { DayOff, MakeUpWorkingDay, PeriodInput, SourceRef } from '../../kernel/calendar/index.ts';

/** One revision of a year's days-off data. */
export const calendarYears = pgTable(
  'calendar_year',
  {
    id: serial().primaryKey(),
    year: integer().notNull(),
    revision: integer().notNull(),
    status: text().notNull().$type<'official' | 'estimated'>(),
    source: jsonb().notNull().$type<SourceRef[]>(),
    daysOff: jsonb().notNull().$type<DayOff[]>(),
    workingDays: jsonb().notNull().$type<MakeUpWorkingDay[]>(),
    note: text(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    /** Username of the person who made the revision, or `system` for the shipped data. */
    createdBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('calendar_year_year_revision_uq').on(t.year, t.revision),
    check('calendar_year_status_ck', sql`${t.status} in ('official', 'estimated')`),
    check('calendar_year_revision_ck', sql`${t.revision} >= 1`),
  ],
);

/** One effective-dated version of a working schedule (province default when `servicePointCode` is null). */
export const workingSchedules = pgTable(
  'working_schedule',
  {
    id: serial().primaryKey(),
    servicePointCode: text(),
    validFrom: date({ mode: 'string' }).notNull(),
    /** Inclusive; null = open-ended. Where rows of one scope overlap, the later row (higher id) wins. */
    validTo: date({ mode: 'string' }),
    periods: jsonb().notNull().$type<PeriodInput[]>(),
    saturdayMorningReceiving: boolean().notNull().default(false),
    standardDayMinutes: integer().notNull().default(480),
  },
  (t) => [index('working_schedule_service_point_idx').on(t.servicePointCode, t.validFrom)],
);
