import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, validateDuration, workingMinutesOf } from './duration.ts';

describe('duration shorthand', () => {
  it.each([
    ['3wd', 3, 'working_days'],
    ['0.5wd', 0.5, 'working_days'],
    ['4h', 4, 'working_hours'],
    ['4wh', 4, 'working_hours'],
    ['15d', 15, 'calendar_days'],
    ['15cd', 15, 'calendar_days'],
    ['2m', 2, 'months'],
    [' 10 WD ', 10, 'working_days'],
  ])('%s → %d %s', (text, value, unit) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: { value, unit } });
  });

  it.each(['', 'wd', '3', '3x', '-1wd', '1.5d', '0.5m', '3 working days'])('rejects %j', (text) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CALENDAR_DURATION_INVALID');
  });

  it('formats and converts', () => {
    expect(formatDuration({ value: 3, unit: 'working_days' })).toBe('3wd');
    expect(formatDuration({ value: 15, unit: 'calendar_days' })).toBe('15cd');
    expect(workingMinutesOf({ value: 0.5, unit: 'working_days' }, 480)).toBe(240);
    expect(workingMinutesOf({ value: 4, unit: 'working_hours' }, 480)).toBe(240);
    expect(() => workingMinutesOf({ value: 1, unit: 'months' }, 480)).toThrow(RangeError);
    expect(validateDuration({ value: Number.NaN, unit: 'working_days' }).ok).toBe(false);
  });
});
