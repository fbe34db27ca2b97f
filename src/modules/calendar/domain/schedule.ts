/**
 * Working schedules from stored versions. Rows are never changed; a new row is a decision about
 * the office hours of its own dates, `validFrom`..`validTo` (open-ended without `validTo`):
 *
 * - within one scope, rows are applied in the order they were stored, each over its own dates, so
 *   a later row wins where two overlap (a summer timetable with an end date, then the regular
 *   hours again after it; or a correction);
 * - scopes are layered: the service point's rows over the province default (rows without a
 *   service point) over the engine default (Mon–Fri 07:00–11:30, 13:30–17:00). Dates that no row
 *   of a scope covers keep the layer below.
 *
 * Schedule-wide settings (standard day, Saturday-morning receiving) come from the newest row of the
 * most specific scope that has rows. Pure.
 */
import type { CalendarError, PeriodInput, WorkingSchedule } from '../../../kernel/calendar/index.ts';
import { DEFAULT_PERIODS, DEFAULT_SCHEDULE, defineSchedule } from '../../../kernel/calendar/index.ts';
import { ok, type Result } from '../../../kernel/errors.ts';

/** A stored schedule version (one `working_schedule` row). */
export interface ScheduleRow {
  readonly id: number;
  readonly servicePointCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly periods: readonly PeriodInput[];
  readonly saturdayMorningReceiving: boolean;
  readonly standardDayMinutes: number;
}

/** Where a service point's schedule came from. */
export type ScheduleScope = 'service_point' | 'province' | 'default';

/** The schedule to use and its identity for rule versions (`default`, `province#7`, `sp:H21.52#9`). */
export interface ResolvedSchedule {
  readonly schedule: WorkingSchedule;
  readonly scope: ScheduleScope;
  readonly id: string;
  /** The stored rows of the most specific scope that has rows, by `validFrom`. */
  readonly versions: readonly ScheduleRow[];
}

interface Segment {
  readonly from: string;
  /** Inclusive; OPEN_END when open-ended. */
  readonly to: string;
  readonly periods: readonly PeriodInput[];
}

const OPEN_END = '9999-12-31';
const DEFAULT_SEGMENT: Segment = { from: '1900-01-01', to: OPEN_END, periods: DEFAULT_PERIODS };

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Paints `top` over `base`, in order: where a later segment applies, nothing before it does. */
function paint(base: readonly Segment[], top: readonly Segment[]): Segment[] {
  let out = [...base];
  for (const t of top) {
    const next: Segment[] = [];
    for (const b of out) {
      if (b.to < t.from || b.from > t.to) {
        next.push(b);
        continue;
      }
      if (b.from < t.from) next.push({ ...b, to: shiftDay(t.from, -1) });
      if (b.to > t.to) next.push({ ...b, from: shiftDay(t.to, 1) });
    }
    next.push(t);
    out = next.sort((a, b) => (a.from < b.from ? -1 : 1));
  }
  return out;
}

function segmentsOf(rows: readonly ScheduleRow[]): Segment[] {
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ from: r.validFrom, to: r.validTo ?? OPEN_END, periods: r.periods }));
}

function newest(rows: readonly ScheduleRow[]): ScheduleRow | undefined {
  return rows.reduce<ScheduleRow | undefined>((a, r) => (a === undefined || r.id > a.id ? r : a), undefined);
}

/** Builds the engine schedule of layered rows (least specific layer first). */
export function scheduleOf(
  id: string,
  layers: readonly (readonly ScheduleRow[])[],
): Result<WorkingSchedule, CalendarError> {
  const nonEmpty = layers.filter((l) => l.length > 0);
  const settings = newest(nonEmpty[nonEmpty.length - 1] ?? []);
  if (!settings) return ok(DEFAULT_SCHEDULE);
  let segments: Segment[] = [DEFAULT_SEGMENT];
  for (const layer of nonEmpty) segments = paint(segments, segmentsOf(layer));
  return defineSchedule({
    id,
    versions: segments.map((s) => ({
      validFrom: s.from,
      validTo: s.to === OPEN_END ? null : s.to,
      periods: s.periods,
    })),
    standardDayMinutes: settings.standardDayMinutes,
    saturdayMorningReceiving: settings.saturdayMorningReceiving,
  });
}

/** The schedule of a service point (see the module comment for the layering). */
export function resolveSchedule(
  servicePointCode: string | undefined,
  rows: readonly ScheduleRow[],
): Result<ResolvedSchedule, CalendarError> {
  const own = servicePointCode ? rows.filter((r) => r.servicePointCode === servicePointCode) : [];
  const province = rows.filter((r) => r.servicePointCode === null);
  if (own.length === 0 && province.length === 0) {
    return ok({ schedule: DEFAULT_SCHEDULE, scope: 'default', id: 'default', versions: [] });
  }
  const scope: ScheduleScope = own.length > 0 ? 'service_point' : 'province';
  const maxId = Math.max(...[...own, ...province].map((r) => r.id));
  const id = scope === 'province' ? `province#${maxId}` : `sp:${servicePointCode ?? ''}#${maxId}`;
  const schedule = scheduleOf(id, [province, own]);
  if (!schedule.ok) return schedule;
  const versions = [...(own.length > 0 ? own : province)].sort((a, b) =>
    a.validFrom === b.validFrom ? a.id - b.id : a.validFrom < b.validFrom ? -1 : 1,
  );
  return ok({ schedule: schedule.value, scope, id, versions });
}
