/**
 * TEST-ONLY helpers shared by the calendar tests: readable local instants and a calendar with the
 * shipped official years.
 */
import { formatLocalDateTime, localInstant } from './local-time.ts';
import { SHIPPED_YEARS } from './shipped-years.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { createCalendar } from './working-calendar.ts';

/** `at('2026-02-13 10:00')` → epoch ms of that Vietnam local time. */
export function at(local: string): number {
  const [date, time] = local.split(' ');
  return localInstant(date ?? '', time ?? '00:00');
}

/** Epoch ms → `YYYY-MM-DD HH:MM` Vietnam local time (null stays null). */
export function fmt(t: number | null): string | null {
  return t === null ? null : formatLocalDateTime(t);
}

/** The default schedule with the official 2024–2026 data. */
export const OFFICIAL: WorkingCalendar = createCalendar({ years: SHIPPED_YEARS });

/** The default schedule with Labour Code defaults only (every year estimated). */
export const DEFAULTS_ONLY: WorkingCalendar = createCalendar();
