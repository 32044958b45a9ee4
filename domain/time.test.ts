import { afterEach, describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatTime,
  formatYearMonth,
  isTimeZone,
  zonedParts,
} from './time';

// Expected strings are written from the calendar, not from the code: 08:00 UTC is 16:00 in Beijing.
// The host's zone is Node's TZ variable (domain/ is also type-checked without Node's types).
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const HOST_TZ = env.TZ;
afterEach(() => {
  if (HOST_TZ === undefined) delete env.TZ;
  else env.TZ = HOST_TZ;
});

describe('domain/time', () => {
  it('prints a UTC timestamp as Beijing time in the zh-CN format (the receipt of issue #8)', () => {
    expect(formatDateTime('2026-12-05T08:00:01.321Z')).toBe('2026年12月5日 16:00');
    expect(formatDateTime('2026-12-05T08:00:01.321Z', { seconds: true })).toBe('2026年12月5日 16:00:01');
    expect(formatDate('2026-12-05T08:00:01.321Z')).toBe('2026年12月5日');
    expect(formatTime('2026-12-05T08:00:01.321Z')).toBe('16:00');
  });

  it('gives the same wall clock for the same instant written with any offset, a Date or epoch ms', () => {
    const at = Date.UTC(2026, 11, 5, 8, 0, 1);
    for (const v of ['2026-12-05T16:00:01+08:00', '2026-12-05T03:00:01-05:00', new Date(at), at])
      expect(formatDateTime(v)).toBe('2026年12月5日 16:00');
  });

  it('rolls over to the next day and year at Beijing midnight', () => {
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
    expect(zonedParts('2026-12-31T15:59:59Z')).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
    });
  });

  it('uses the zone a site configures, with its daylight saving time', () => {
    expect(formatDateTime('2026-12-05T08:00:00Z', { timeZone: 'Asia/Urumqi' })).toBe('2026年12月5日 14:00');
    expect(formatDateTime('2026-12-05T08:00:00Z', { timeZone: 'UTC' })).toBe('2026年12月5日 08:00');
    // Berlin is UTC+2 in July and UTC+1 in December: not a fixed offset.
    expect(formatTime('2026-07-01T08:00:00Z', { timeZone: 'Europe/Berlin' })).toBe('10:00');
    expect(formatTime('2026-12-01T08:00:00Z', { timeZone: 'Europe/Berlin' })).toBe('09:00');
  });

  it('does not depend on the host machine’s zone', () => {
    env.TZ = 'America/Los_Angeles';
    expect(new Date(Date.UTC(2026, 11, 5, 8)).getHours()).toBe(0); // the host zone did change
    expect(formatDateTime('2026-12-05T08:00:00Z')).toBe('2026年12月5日 16:00');
  });

  it('formats English with day, month name and a 24-hour clock', () => {
    expect(formatDateTime('2026-12-05T08:00:00Z', { locale: 'en' })).toBe('5 Dec 2026 16:00');
    expect(formatYearMonth('2024-03', { locale: 'en' })).toBe('Mar 2024');
    expect(formatCalendarDate('2026-11-30', { locale: 'en' })).toBe('30 Nov 2026');
  });

  it('prints calendar dates and months as they are, in no zone', () => {
    env.TZ = 'Pacific/Honolulu';
    expect(formatCalendarDate('2026-11-30')).toBe('2026年11月30日');
    expect(formatYearMonth('2024-03')).toBe('2024年03月');
  });

  it('rejects what is not a time or a zone', () => {
    expect(() => formatDateTime('yesterday')).toThrow(RangeError);
    expect(() => formatCalendarDate('2026-1-30')).toThrow(RangeError);
    expect(() => formatYearMonth('2024/03')).toThrow(RangeError);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => formatDate(0, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
