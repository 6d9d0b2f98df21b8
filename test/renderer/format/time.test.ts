import { describe, expect, it } from 'vitest';
import { dayLabel, daysBetween, listTime, sameDay } from '../../../src/renderer/format/time';

// Local times, so the calendar days are the reader's whatever the machine's zone.
const now = new Date(2025, 5, 18, 15, 30); // a Wednesday
const at = (...args: [number, number, number, number?, number?]) => new Date(...args).toISOString();

describe('times as a messenger shows them', () => {
  it('counts calendar days, not 24-hour periods', () => {
    expect(daysBetween(new Date(2025, 5, 17, 23, 59), new Date(2025, 5, 18, 0, 1))).toBe(1);
    expect(sameDay(at(2025, 5, 18, 0, 0), at(2025, 5, 18, 23, 59))).toBe(true);
  });

  it('shows the time today, "Yesterday", the weekday this week, then the date', () => {
    expect(listTime(at(2025, 5, 18, 9, 5), now, 'en-GB')).toBe('9:05');
    expect(listTime(at(2025, 5, 17, 9, 5), now, 'en-GB')).toBe('Yesterday');
    expect(listTime(at(2025, 5, 14, 9, 5), now, 'en-GB')).toBe('Sat');
    expect(listTime(at(2025, 0, 3), now, 'en-GB')).toBe('3 Jan');
    expect(listTime(at(2024, 0, 3), now, 'en-GB')).toBe('3 Jan 2024');
  });

  it('labels days between messages', () => {
    expect(dayLabel(at(2025, 5, 18, 8), now, 'en-GB')).toBe('Today');
    expect(dayLabel(at(2025, 5, 17, 8), now, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(at(2025, 5, 2, 8), now, 'en-GB')).toBe('Monday 2 June');
    expect(dayLabel(at(2024, 5, 3, 8), now, 'en-GB')).toBe('Monday, 3 June 2024');
  });
});
