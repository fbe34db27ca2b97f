/**
 * Working calendars from the database: the years in force (highest revision of each stored year)
 * and the service point's working schedule (its own versions over the province default over the
 * engine default, see domain/schedule.ts). Years without stored data use the engine's estimated
 * Labour Code defaults.
 *
 * Built calendars are cached in memory per service point and dropped on every write made through
 * this service. (Several processes on one PostgreSQL server do not see each other's writes until
 * restarted; MotCua runs one process.)
 *
 * Other modules call `calendarFor` (a calendar and its rule version, to store on a dossier),
 * `due` and `workingTime`; the admin changes a year with `putYear`, which writes a new revision
 * and its audit event in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../adapters/db/database.ts';
import {
  buildDefaultYear,
  createCalendar,
  defineSchedule,
  lunarToSolar,
  MAX_YEAR,
  MIN_YEAR,
  parseYearCalendar,
  SHIPPED_YEARS,
  solarToLunar,
  type CalendarError,
  type DayOff,
  type Duration,
  type LunarDate,
  type MakeUpWorkingDay,
  type SourceRef,
  type Suspension,
  type WorkingCalendar,
  type YearCalendar,
  type YearStatus,
} from '../../kernel/calendar/index.ts';
import { AppError, type Result } from '../../kernel/errors.ts';
import type { Actor } from '../access/domain.ts';
import { auditActorOf } from '../access/access.service.ts';
import { appendAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntry } from '../audit/audit.repository.ts';
import * as repo from './calendar.repository.ts';
import {
  computeDue,
  formatRuleVersion,
  workingTime,
  type CalendarInfo,
  type DueOutcome,
  type YearRevisionRef,
} from './domain/calendar-info.ts';
import { resolveSchedule, type ScheduleRow, type ScheduleScope } from './domain/schedule.ts';
import { problemsAsParams, validateYearInput, type YearInput } from './domain/year-input.ts';

/** A year as the API shows it. Revision 0 = no stored data: the estimated Labour Code defaults. */
export interface YearView {
  readonly year: number;
  readonly revision: number;
  readonly status: YearStatus;
  readonly source: readonly SourceRef[];
  readonly note: string | null;
  readonly daysOff: readonly DayOff[];
  readonly workingDays: readonly MakeUpWorkingDay[];
  /** When the revision was stored (null for the estimated defaults). */
  readonly createdAt: Date | null;
}

/** One stored revision of a year, without its data. */
export interface RevisionSummary {
  readonly revision: number;
  readonly status: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly daysOffCount: number;
}

/** The calendar of a service point, as `calendarFor` returns it. */
export interface ServicePointCalendar extends CalendarInfo {
  /** Where the schedule came from: the service point's own rows, the province default, or the engine. */
  readonly scheduleScope: ScheduleScope;
}

/** Input of `CalendarService.due`. */
export interface DueInput {
  readonly start: Date | number;
  readonly duration: Duration;
  readonly servicePoint?: string | undefined;
  readonly cutoff?: string | null | undefined;
  readonly suspensions?: readonly Suspension[] | undefined;
}

/** A new schedule version (`servicePointCode` null = the province default). */
export interface ScheduleVersionInput {
  readonly servicePointCode: string | null;
  readonly validFrom: string;
  readonly validTo?: string | null | undefined;
  readonly periods: readonly { readonly start: string; readonly end: string }[];
  readonly saturdayMorningReceiving?: boolean | undefined;
  readonly standardDayMinutes?: number | undefined;
}

interface StoredYear {
  readonly row: repo.CalendarYearRow;
  readonly data: YearCalendar;
  readonly ref: YearRevisionRef;
}

interface State {
  readonly years: ReadonlyMap<number, StoredYear>;
  readonly schedules: readonly ScheduleRow[];
  readonly calendars: Map<string, ServicePointCalendar>;
}

/** SHA-256 (hex) of a year's data in a canonical form: what a dossier can cite. */
export function yearSha256(data: YearCalendar): string {
  const canonical = {
    year: data.year,
    status: data.status,
    daysOff: data.daysOff.map((d) => [d.date, d.kind, d.name]),
    workingDays: data.workingDays.map((d) => [d.date, d.name]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Throws the engine's failure as an AppError with the same code (the codes are in the catalog). */
export function orThrow<T>(result: Result<T, CalendarError>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, {
    detail: result.error.detail,
    ...(result.error.details ? { details: { ...result.error.details } } : {}),
  });
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', {
      detail: `Year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`,
    });
  }
}

function parseStored(row: repo.CalendarYearRow): YearCalendar {
  const parsed = parseYearCalendar({
    year: row.year,
    status: row.status,
    source: row.source,
    ...(row.note === null ? {} : { note: row.note }),
    daysOff: row.daysOff,
    workingDays: row.workingDays,
  });
  // Stored data was validated when written: a failure here is corruption, not a user error.
  if (!parsed.ok) {
    throw new AppError('INTERNAL', {
      detail: `calendar_year ${row.year} r${row.revision} is invalid: ${parsed.error.detail}`,
    });
  }
  return parsed.value;
}

function viewOf(data: YearCalendar, revision: number, createdAt: Date | null): YearView {
  return {
    year: data.year,
    revision,
    status: data.status,
    source: data.source,
    note: data.note ?? null,
    daysOff: data.daysOff,
    workingDays: data.workingDays,
    createdAt,
  };
}

/** A calendar over the given years with the default schedule (the CLI without a database, tests). */
export function calendarInfoFromYears(years: readonly YearCalendar[], revision = 1): CalendarInfo {
  const refs = years.map((data) => ({
    year: data.year,
    revision,
    status: data.status,
    sha256: yearSha256(data),
  }));
  return {
    calendar: createCalendar({ years }),
    scheduleId: 'default',
    years: refs,
    ruleVersion: formatRuleVersion(refs, 'default'),
  };
}

/** Calendars, deadlines and the versioned year data. */
export class CalendarService {
  #state: Promise<State> | undefined;

  constructor(private readonly database: Database) {}

  /** Drops the cached calendars (called after every write; tests may call it after direct inserts). */
  invalidate(): void {
    this.#state = undefined;
  }

  private state(): Promise<State> {
    if (!this.#state) {
      const loading = this.load();
      this.#state = loading;
      loading.catch(() => {
        if (this.#state === loading) this.#state = undefined;
      });
    }
    return this.#state;
  }

  private async load(): Promise<State> {
    const db = this.database.db;
    const [rows, schedules] = await Promise.all([repo.yearsInForce(db), repo.allSchedules(db)]);
    const years = new Map<number, StoredYear>();
    for (const row of rows) {
      const data = parseStored(row);
      years.set(row.year, {
        row,
        data,
        ref: { year: row.year, revision: row.revision, status: data.status, sha256: yearSha256(data) },
      });
    }
    return { years, schedules, calendars: new Map() };
  }

  /**
   * The working calendar of a service point (its own schedule, else the province default, else the
   * engine default) over the years in force, and the rule version to store with a computation.
   */
  async calendarFor(servicePointCode?: string): Promise<ServicePointCalendar> {
    const state = await this.state();
    // Codes without their own rows share the province calendar (and one cache entry: callers of the
    // public API cannot grow the cache by sending made-up codes).
    const own = !!servicePointCode && state.schedules.some((r) => r.servicePointCode === servicePointCode);
    const key = own ? (servicePointCode as string) : '';
    const cached = state.calendars.get(key);
    if (cached) return cached;
    const resolved = orThrow(resolveSchedule(own ? servicePointCode : undefined, state.schedules));
    const stored = [...state.years.values()];
    const refs = stored.map((s) => s.ref);
    const info: ServicePointCalendar = {
      calendar: createCalendar({ schedule: resolved.schedule, years: stored.map((s) => s.data) }),
      scheduleId: resolved.id,
      scheduleScope: resolved.scope,
      years: refs,
      ruleVersion: formatRuleVersion(refs, resolved.id),
    };
    state.calendars.set(key, info);
    return info;
  }

  /** The stored years in force, with revision, status and SHA-256 (`r0` years are not listed). */
  async currentRevisions(): Promise<readonly YearRevisionRef[]> {
    return [...(await this.state()).years.values()].map((s) => s.ref);
  }

  /** The due of a receipt, explained, with the rule version of the data used. Throws CALENDAR_* errors. */
  async due(input: DueInput): Promise<DueOutcome> {
    const info = await this.calendarFor(input.servicePoint);
    return orThrow(
      computeDue(info, {
        start: typeof input.start === 'number' ? input.start : input.start.getTime(),
        duration: input.duration,
        cutoff: input.cutoff,
        suspensions: input.suspensions,
      }),
    );
  }

  /** Working minutes between two instants at a service point. */
  async workingTime(input: {
    readonly from: Date | number;
    readonly to: Date | number;
    readonly servicePoint?: string | undefined;
  }): Promise<{ workingMinutes: number; ruleVersion: string }> {
    const info = await this.calendarFor(input.servicePoint);
    const ms = (t: Date | number) => (typeof t === 'number' ? t : t.getTime());
    return orThrow(workingTime(info, ms(input.from), ms(input.to)));
  }

  /**
   * A year's data: the revision in force (or the given revision); without stored data, the
   * estimated Labour Code defaults as revision 0. Throws NOT_FOUND for a revision that does not exist.
   */
  async year(year: number, revision?: number): Promise<YearView> {
    checkYear(year);
    if (revision === undefined) {
      const stored = (await this.state()).years.get(year);
      return stored
        ? viewOf(stored.data, stored.row.revision, stored.row.createdAt)
        : viewOf(buildDefaultYear(year), 0, null);
    }
    if (revision === 0) return viewOf(buildDefaultYear(year), 0, null);
    const row = await repo.findYear(this.database.db, year, revision);
    if (!row) throw new AppError('NOT_FOUND', { detail: `Year ${year} has no revision ${revision}` });
    return viewOf(parseStored(row), row.revision, row.createdAt);
  }

  /** Every stored revision of a year, newest first. */
  async revisions(year: number): Promise<readonly RevisionSummary[]> {
    checkYear(year);
    return repo.listRevisions(this.database.db, year);
  }

  /**
   * Stores a new revision of a year (the next number) and its audit event in one transaction.
   * Validates everything at once (CALENDAR_YEAR_DATA_INVALID with every problem in invalidParams);
   * with `expectedRevision`, refuses with CALENDAR_REVISION_CONFLICT when someone saved in between.
   */
  async putYear(
    actor: Actor | undefined,
    year: number,
    body: YearInput,
    now: Date,
    options: { readonly expectedRevision?: number | undefined } = {},
  ): Promise<YearView> {
    checkYear(year);
    const validated = validateYearInput(year, body);
    if (!validated.ok) {
      throw new AppError('CALENDAR_YEAR_DATA_INVALID', {
        detail: `${validated.error.length} problem(s) in the data of ${year}`,
        invalidParams: problemsAsParams(validated.error),
      });
    }
    const data = validated.value;
    const auditActor = auditActorOf(actor);
    const row = await this.database.transaction(async (tx) => {
      await repo.lockCalendarWrites(tx);
      const previous = await repo.findYear(tx, year);
      const current = previous?.revision ?? 0;
      if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
        throw new AppError('CALENDAR_REVISION_CONFLICT', {
          details: { year, expectedRevision: options.expectedRevision, currentRevision: current },
        });
      }
      const before = previous ? parseStored(previous) : buildDefaultYear(year);
      const inserted = await repo.insertYear(tx, rowOf(data, current + 1, now, auditActor));
      await appendAudit(tx, auditActor, now, [revisionAudit(before, data, current, inserted.revision)]);
      return inserted;
    });
    this.invalidate();
    return viewOf(data, row.revision, row.createdAt);
  }

  /** The schedule versions a service point uses (its own, the province's, or none = engine default). */
  async schedulesFor(servicePointCode?: string): Promise<{
    readonly scope: ScheduleScope;
    readonly scheduleId: string;
    readonly versions: readonly ScheduleRow[];
  }> {
    const resolved = orThrow(resolveSchedule(servicePointCode || undefined, (await this.state()).schedules));
    return { scope: resolved.scope, scheduleId: resolved.id, versions: resolved.versions };
  }

  /**
   * Adds a schedule version (office hours from `validFrom`; a later version takes over from its own
   * start). Validated with the engine (CALENDAR_SCHEDULE_INVALID); audited.
   */
  async addScheduleVersion(
    actor: Actor | undefined,
    input: ScheduleVersionInput,
    now: Date,
  ): Promise<ScheduleRow> {
    const checked = defineSchedule({
      id: 'check',
      versions: [{ validFrom: input.validFrom, validTo: input.validTo ?? null, periods: input.periods }],
      standardDayMinutes: input.standardDayMinutes,
      saturdayMorningReceiving: input.saturdayMorningReceiving ?? false,
    });
    orThrow(checked);
    if (input.periods.length === 0) {
      throw new AppError('CALENDAR_SCHEDULE_INVALID', {
        detail: 'a schedule version needs at least one period',
      });
    }
    const auditActor = auditActorOf(actor);
    const row = await this.database.transaction(async (tx) => {
      await repo.lockCalendarWrites(tx);
      const inserted = await repo.insertSchedule(tx, {
        servicePointCode: input.servicePointCode,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        periods: input.periods.map((p) => ({ start: p.start, end: p.end })),
        saturdayMorningReceiving: input.saturdayMorningReceiving ?? false,
        standardDayMinutes: input.standardDayMinutes ?? 480,
      });
      await appendAudit(tx, auditActor, now, [
        {
          action: 'calendar.schedule.versioned',
          entityType: 'working_schedule',
          entityId: input.servicePointCode ?? 'province',
          change: {
            id: inserted.id,
            validFrom: inserted.validFrom,
            validTo: inserted.validTo,
            periods: inserted.periods,
            saturdayMorningReceiving: inserted.saturdayMorningReceiving,
            standardDayMinutes: inserted.standardDayMinutes,
          },
        },
      ]);
      return inserted;
    });
    this.invalidate();
    return row;
  }

  /** Lunar date of a solar date. Throws CALENDAR_OUT_OF_RANGE outside 1900–2199. */
  lunar(date: string): LunarDate {
    if (date < '1900-01-01' || date > '2199-12-31') {
      throw new AppError('CALENDAR_OUT_OF_RANGE', { detail: `${date} is outside 1900-01-01..2199-12-31` });
    }
    return solarToLunar(date);
  }

  /** Solar date of a lunar date. Throws CALENDAR_LUNAR_DATE_INVALID or CALENDAR_OUT_OF_RANGE. */
  solar(lunar: LunarDate): string {
    return orThrow(lunarToSolar(lunar));
  }
}

function rowOf(data: YearCalendar, revision: number, now: Date, actor: AuditActor): repo.NewCalendarYearRow {
  return {
    year: data.year,
    revision,
    status: data.status,
    source: data.source.map((s) => ({ title: s.title, url: s.url })),
    daysOff: data.daysOff.map((d) => ({ date: d.date, name: d.name, kind: d.kind })),
    workingDays: data.workingDays.map((d) => ({ date: d.date, name: d.name })),
    note: data.note ?? null,
    createdAt: now,
    createdBy: actor.label,
  };
}

function revisionAudit(
  before: YearCalendar,
  after: YearCalendar,
  previous: number,
  revision: number,
): AuditEntry {
  const key = (d: { date: string; name: string; kind?: string }) =>
    `${d.date} ${d.kind ?? 'make_up'} ${d.name}`;
  const diff = <T extends { date: string; name: string; kind?: string }>(
    a: readonly T[],
    b: readonly T[],
  ) => {
    const old = new Set(a.map(key));
    const now = new Set(b.map(key));
    return { added: b.filter((d) => !old.has(key(d))), removed: a.filter((d) => !now.has(key(d))) };
  };
  return {
    action: 'calendar.year.revised',
    entityType: 'calendar_year',
    entityId: String(after.year),
    change: {
      revision,
      previousRevision: previous,
      status: after.status,
      previousStatus: before.status,
      daysOff: diff(before.daysOff, after.daysOff),
      workingDays: diff(before.workingDays, after.workingDays),
      sha256: yearSha256(after),
    },
  };
}

/**
 * Stores the years shipped in data/calendar/ as revision 1 (official) for every such year that has
 * no stored revision yet; returns the audit entries to append in the same transaction.
 */
export async function loadShippedYears(
  tx: Executor,
  now: Date,
  years: readonly YearCalendar[] = SHIPPED_YEARS,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (const data of years) {
    if ((await repo.maxRevision(tx, data.year)) > 0) continue;
    await repo.insertYear(tx, rowOf(data, 1, now, SYSTEM_ACTOR));
    entries.push({
      action: 'calendar.year.loaded',
      entityType: 'calendar_year',
      entityId: String(data.year),
      change: {
        revision: 1,
        status: data.status,
        from: `data/calendar/${data.year}.json`,
        daysOff: data.daysOff.length,
        workingDays: data.workingDays.length,
        sha256: yearSha256(data),
      },
    });
  }
  return entries;
}

/**
 * Loads every shipped year that has no stored revision yet (a database created before the calendar
 * module, or a release that ships a new year's file), in its own audited transaction. Years that
 * already have revisions are left alone. Returns how many years were loaded.
 */
export async function ensureCalendarYears(database: Database, now: Date): Promise<number> {
  const stored = new Set((await repo.yearsInForce(database.db)).map((r) => r.year));
  if (SHIPPED_YEARS.every((y) => stored.has(y.year))) return 0;
  return database.transaction(async (tx) => {
    await repo.lockCalendarWrites(tx);
    const entries = await loadShippedYears(tx, now);
    await appendAudit(tx, SYSTEM_ACTOR, now, entries);
    return entries.length;
  });
}

export type { CalendarInfo, DueOutcome, WorkingCalendar, YearRevisionRef };
