import { describe, expect, it } from 'vitest';
import { addMonths, cstIsoDate, cstMonth, monthsBetween } from './cst';

// The hall's day and month are China Standard Time (UTC+8, no daylight saving).
describe('CST calendar', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(cstIsoDate(Date.parse('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(cstIsoDate(Date.parse('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(cstMonth(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(cstMonth(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });
  it('adds months across year ends, both ways, with two-digit months', () => {
    expect(addMonths('2026-11', -13)).toBe('2025-10');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-09', 1)).toBe('2026-10');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(addMonths('2026-03', 24)).toBe('2028-03');
  });
  it('lists the months between two, both included, and nothing when they are reversed', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-02')).toEqual(['2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });
  it('stops at a hundred years whatever it is asked', () => {
    const months = monthsBetween('1900-01', '2200-12');
    expect(months).toHaveLength(1200);
    expect(months.at(-1)).toBe('1999-12');
  });
});
