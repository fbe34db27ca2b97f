/**
 * Public API of the working-time calendar and legal deadline engine (pure: no I/O, no clock).
 * See docs/time.md for the rules.
 */
export type { CalendarError, CalendarErrorCode } from './calendar-error.ts';
export { CALENDAR_ERROR_SPECS } from './calendar-error.ts';

export type { Instant, LocalDate, Weekday } from './local-time.ts';
export {
  addMonthsClamped,
  formatLocalDateTime,
  localDateOfInstant,
  localInstant,
  parseLocalDate,
  formatDayNumber,
} from './local-time.ts';

export type { LunarDate, LunarMonth } from './lunar.ts';
export {
  leapMonthOf,
  lunarMonthInfo,
  lunarToSolar,
  solarToLunar,
  tetDate,
  LUNAR_MAX_DATE,
  LUNAR_MIN_DATE,
} from './lunar.ts';

export type {
  DayOff,
  DayOffKind,
  MakeUpWorkingDay,
  SourceRef,
  YearCalendar,
  YearStatus,
} from './holidays.ts';
export { buildDefaultYear, MAX_YEAR, MIN_YEAR, parseYearCalendar } from './holidays.ts';
export { SHIPPED_YEARS } from './shipped-years.ts';

export type {
  PeriodInput,
  ScheduleVersion,
  ScheduleVersionInput,
  WorkingPeriod,
  WorkingSchedule,
  WorkingScheduleInput,
} from './working-schedule.ts';
export {
  DEFAULT_PERIODS,
  DEFAULT_SCHEDULE,
  DEFAULT_STANDARD_DAY_MINUTES,
  defineSchedule,
  scheduleOrThrow,
} from './working-schedule.ts';

export type { CalendarOptions, DayInfo, NonWorkingReason, WorkingCalendar } from './working-calendar.ts';
export { CalendarRangeError, createCalendar, dayInfo, yearCalendarOf } from './working-calendar.ts';

export type { Duration, DurationUnit } from './duration.ts';
export {
  formatDuration,
  isWorkingUnit,
  parseDuration,
  validateDuration,
  workingMinutesOf,
} from './duration.ts';

export type {
  AppliedSuspension,
  BucketInput,
  DeadlineBucket,
  DeadlineInput,
  DeadlineResult,
  ExtensionRequest,
  SkippedDay,
  Suspension,
} from './deadline.ts';
export {
  addWorkingMinutes,
  checkExtension,
  computeDeadline,
  deadlineBucket,
  effectiveStart,
  isReceivingInstant,
  isWorkingInstant,
  nextWorkingStart,
  skippedDays,
  workingMinutesBetween,
} from './deadline.ts';
