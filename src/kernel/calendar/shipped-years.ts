/**
 * The official year files shipped in data/calendar/ (2024–2026), validated at load.
 *
 * These are static module imports, not file I/O: the engine stays pure and the data is versioned
 * with the code. Deployments can pass other or newer years to `createCalendar` instead.
 */
import y2024 from '../../../data/calendar/2024.json' with { type: 'json' };
import y2025 from '../../../data/calendar/2025.json' with { type: 'json' };
import y2026 from '../../../data/calendar/2026.json' with { type: 'json' };
import type { YearCalendar } from './holidays.ts';
import { parseYearCalendar } from './holidays.ts';

function load(raw: unknown): YearCalendar {
  const r = parseYearCalendar(raw);
  if (!r.ok) throw new Error(`Invalid shipped calendar data: ${r.error.detail}`);
  return r.value;
}

/** The official days-off data shipped with MotCua, one entry per year. */
export const SHIPPED_YEARS: readonly YearCalendar[] = Object.freeze([load(y2024), load(y2025), load(y2026)]);
