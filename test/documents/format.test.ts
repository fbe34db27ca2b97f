/** Text formats of the forms: UTC+7 regardless of the process time zone, digit grouping, local date-times. */
import { describe, expect, it } from 'vitest';
import {
  hasTime,
  localDateTimeOf,
  localDateTimeText,
  parseLocalDateTime,
  vnDateTimeText,
  vnd,
  wallClockDate,
} from '../../src/modules/documents/forms/format.ts';

describe('forms text formats', () => {
  it('prints instants in Vietnam time, crossing midnight correctly', () => {
    expect(vnDateTimeText(new Date('2022-09-14T01:30:00Z'))).toBe('08 giờ 30 phút, ngày 14/09/2022');
    expect(vnDateTimeText(new Date('2022-12-31T17:05:00Z'))).toBe('00 giờ 05 phút, ngày 01/01/2023');
    expect(localDateTimeOf(new Date('2022-12-31T17:05:00Z'))).toBe('2023-01-01T00:05');
  });

  it('parses local dates and date-times and refuses impossible ones', () => {
    expect(parseLocalDateTime('2024-02-29T23:59')).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 59,
    });
    expect(hasTime('2024-02-29')).toBe(false);
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-01-01T24:00',
      '2024-01-01 08:00',
      '',
      '14/09/2022',
    ]) {
      expect(() => parseLocalDateTime(bad), bad).toThrow(RangeError);
    }
    expect(localDateTimeText('2022-09-14T08:30')).toBe('14/09/2022 08:30');
    expect(localDateTimeText('2022-09-14')).toBe('14/09/2022');
    expect(wallClockDate('2022-09-14T08:30').toISOString()).toBe('2022-09-14T08:30:00.000Z');
  });

  it('groups đồng amounts with dots', () => {
    expect(vnd(0)).toBe('0 đồng');
    expect(vnd(8000)).toBe('8.000 đồng');
    expect(vnd(1250000)).toBe('1.250.000 đồng');
    expect(() => vnd(-1)).toThrow(RangeError);
    expect(() => vnd(1.5)).toThrow(RangeError);
  });
});
