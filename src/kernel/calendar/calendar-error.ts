/**
 * Expected failures of the calendar engine, returned inside a `Result` (never thrown).
 *
 * The codes follow the `MODULE_REASON` convention of `src/kernel/errors.ts`; `ERROR_CATALOG` spreads
 * `CALENDAR_ERROR_SPECS` in, so the engine's codes are declared once, here.
 */
import type { ErrorSpec } from '../errors.ts';

/** Catalog entries for the calendar codes (status, Vietnamese, English). */
export const CALENDAR_ERROR_SPECS = {
  CALENDAR_OUT_OF_RANGE: {
    status: 422,
    vi: 'Ngày nằm ngoài phạm vi lịch được hỗ trợ (1900–2199).',
    en: 'The date is outside the supported calendar range (1900–2199).',
  },
  CALENDAR_LUNAR_DATE_INVALID: {
    status: 422,
    vi: 'Ngày âm lịch không tồn tại.',
    en: 'That lunar date does not exist.',
  },
  CALENDAR_DURATION_INVALID: {
    status: 422,
    vi: 'Thời hạn giải quyết không hợp lệ.',
    en: 'The processing time limit is not valid.',
  },
  CALENDAR_SCHEDULE_INVALID: {
    status: 422,
    vi: 'Lịch làm việc không hợp lệ.',
    en: 'The working schedule is not valid.',
  },
  CALENDAR_YEAR_DATA_INVALID: {
    status: 422,
    vi: 'Dữ liệu ngày nghỉ của năm không hợp lệ.',
    en: 'The days-off data for the year is not valid.',
  },
  CALENDAR_SUSPENSION_INVALID: {
    status: 422,
    vi: 'Khoảng thời gian tạm dừng không hợp lệ.',
    en: 'The suspension interval is not valid.',
  },
  DEADLINE_EXTENSION_NOT_LATER: {
    status: 422,
    vi: 'Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.',
    en: 'The new appointment date must be later than the current one.',
  },
  DEADLINE_EXTENSION_LIMIT_REACHED: {
    status: 409,
    vi: 'Hồ sơ đã được gia hạn ngày hẹn trả tối đa số lần cho phép.',
    en: 'The dossier has already been rescheduled the maximum number of times.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** A stable code of an expected calendar failure. */
export type CalendarErrorCode = keyof typeof CALENDAR_ERROR_SPECS;

/** An expected calendar failure: a code, an English detail for logs, and safe details for callers. */
export interface CalendarError {
  readonly code: CalendarErrorCode;
  readonly detail: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Builds a frozen CalendarError. */
export function calendarError(
  code: CalendarErrorCode,
  detail: string,
  details?: Readonly<Record<string, unknown>>,
): CalendarError {
  return Object.freeze(details === undefined ? { code, detail } : { code, detail, details });
}
