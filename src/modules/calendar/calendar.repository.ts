/**
 * Queries of the calendar module. Every function takes an Executor (the Db or a transaction).
 * Both tables are append-only (triggers in migration 0005): there is no update or delete here.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../adapters/db/database.ts';
import { calendarYears, workingSchedules } from './calendar.tables.ts';

/** A stored revision of a year. */
export type CalendarYearRow = typeof calendarYears.$inferSelect;
/** A new revision of a year. */
export type NewCalendarYearRow = typeof calendarYears.$inferInsert;
/** A stored schedule version. */
export type WorkingScheduleRow = typeof workingSchedules.$inferSelect;
/** A new schedule version. */
export type NewWorkingScheduleRow = typeof workingSchedules.$inferInsert;

/** The revision in force of every stored year (the highest revision per year). */
export function yearsInForce(db: Executor): Promise<CalendarYearRow[]> {
  return db
    .selectDistinctOn([calendarYears.year])
    .from(calendarYears)
    .orderBy(asc(calendarYears.year), desc(calendarYears.revision));
}

/** One revision of a year, or the one in force when `revision` is omitted. */
export async function findYear(
  db: Executor,
  year: number,
  revision?: number,
): Promise<CalendarYearRow | undefined> {
  const [row] = await db
    .select()
    .from(calendarYears)
    .where(
      revision === undefined
        ? eq(calendarYears.year, year)
        : and(eq(calendarYears.year, year), eq(calendarYears.revision, revision)),
    )
    .orderBy(desc(calendarYears.revision))
    .limit(1);
  return row;
}

/** Every revision of a year, newest first (without the data). */
export function listRevisions(db: Executor, year: number) {
  return db
    .select({
      revision: calendarYears.revision,
      status: calendarYears.status,
      createdAt: calendarYears.createdAt,
      createdBy: calendarYears.createdBy,
      daysOffCount: sql<number>`jsonb_array_length(${calendarYears.daysOff})::int`,
    })
    .from(calendarYears)
    .where(eq(calendarYears.year, year))
    .orderBy(desc(calendarYears.revision));
}

/** The highest stored revision of a year, 0 when none. */
export async function maxRevision(db: Executor, year: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${calendarYears.revision}), 0)::int` })
    .from(calendarYears)
    .where(eq(calendarYears.year, year));
  return row?.n ?? 0;
}

/** Inserts a revision and returns it. */
export async function insertYear(db: Executor, row: NewCalendarYearRow): Promise<CalendarYearRow> {
  const [inserted] = await db.insert(calendarYears).values(row).returning();
  if (!inserted) throw new Error('insert into calendar_year returned no row');
  return inserted;
}

/**
 * Serialises writers of calendar data for the rest of the transaction (a transaction-scoped advisory
 * lock), so two administrators saving the same year cannot both compute the same next revision.
 */
export async function lockCalendarWrites(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7152026)`);
}

/** Every schedule version (a small table: one row per service point and change of office hours). */
export function allSchedules(db: Executor): Promise<WorkingScheduleRow[]> {
  return db
    .select()
    .from(workingSchedules)
    .orderBy(
      asc(workingSchedules.servicePointCode),
      asc(workingSchedules.validFrom),
      asc(workingSchedules.id),
    );
}

/** Inserts a schedule version and returns it. */
export async function insertSchedule(db: Executor, row: NewWorkingScheduleRow): Promise<WorkingScheduleRow> {
  const [inserted] = await db.insert(workingSchedules).values(row).returning();
  if (!inserted) throw new Error('insert into working_schedule returned no row');
  return inserted;
}
