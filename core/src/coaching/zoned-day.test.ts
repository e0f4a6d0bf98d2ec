import { describe, expect, it } from 'vitest';
import { seededRandom } from '../goals/testing.ts';
import { formatEpochDay } from './day-math.ts';
import { createZonedDayOf, isValidTimeZone, TimeZoneName } from './zoned-day.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function intlDate(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(ms);
}

describe('createZonedDayOf', () => {
  it('puts 23:30 local on the local day, not the UTC one', () => {
    const ny = createZonedDayOf('America/New_York');
    expect(formatEpochDay(ny(Date.parse('2025-03-31T23:30:00-04:00')))).toBe('2025-03-31');
    const tokyo = createZonedDayOf('Asia/Tokyo');
    expect(formatEpochDay(tokyo(Date.parse('2025-03-31T00:10:00+09:00')))).toBe('2025-03-31');
  });

  it('matches Intl at random instants, on DST change days and in odd zones', () => {
    const seed = 7_777;
    const rand = seededRandom(seed);
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Asia/Dhaka',
      'Pacific/Chatham',
    ];
    for (const zone of zones) {
      const dayOf = createZonedDayOf(zone);
      for (let i = 0; i < 3000; i++) {
        const ms = Date.parse('2020-01-01T00:00:00Z') + Math.floor(rand() * 8 * 365 * 86_400_000);
        expect(
          formatEpochDay(dayOf(ms)),
          `seed ${seed} ${zone} ${new Date(ms).toISOString()}`,
        ).toBe(intlDate(ms, zone));
      }
      // Every quarter hour around the 2025 transitions.
      for (const around of [
        '2025-03-09',
        '2025-03-30',
        '2025-04-06',
        '2025-10-05',
        '2025-10-26',
        '2025-11-02',
      ]) {
        const base = Date.parse(`${around}T00:00:00Z`) - 86_400_000;
        for (let q = 0; q < 4 * 72; q++) {
          const ms = base + q * 900_000;
          expect(formatEpochDay(dayOf(ms)), `${zone} ${new Date(ms).toISOString()}`).toBe(
            intlDate(ms, zone),
          );
        }
      }
    }
  });

  it('validates zone names as a value, and throws only when handed an unknown one', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    const parsed = TimeZoneName.safeParse('Mars/Olympus');
    expect(parsed.success).toBe(false);
    expect(() => createZonedDayOf('Mars/Olympus')).toThrow(RangeError);
  });
});
