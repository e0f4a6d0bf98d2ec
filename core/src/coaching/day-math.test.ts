import { describe, expect, it } from 'vitest';
import { seededRandom } from '../goals/testing.ts';
import {
  daysFromCivil,
  formatEpochDay,
  mondayOnOrBefore,
  parseInstantMs,
  parseIsoDay,
  weekdayOfEpochDay,
} from './day-math.ts';

describe('epoch days', () => {
  it('round-trips every 13th day from 1900 to 2200 through Date.UTC', () => {
    for (let day = daysFromCivil(1900, 1, 1); day <= daysFromCivil(2200, 12, 31); day += 13) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(formatEpochDay(day)).toBe(iso);
      expect(parseIsoDay(iso)).toBe(day);
    }
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-1-01',
      '2025-01-01T00',
      'x',
    ]) {
      expect(parseIsoDay(bad)).toBeNaN();
    }
    expect(parseIsoDay('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
  });

  it('knows weekdays and week buckets', () => {
    expect(weekdayOfEpochDay(0)).toBe(4); // 1970-01-01, Thursday
    const sunday = parseIsoDay('2025-03-30');
    expect(weekdayOfEpochDay(sunday)).toBe(0);
    expect(formatEpochDay(mondayOnOrBefore(sunday))).toBe('2025-03-24');
    expect(formatEpochDay(mondayOnOrBefore(parseIsoDay('2025-03-24')))).toBe('2025-03-24');
  });
});

describe('parseInstantMs', () => {
  it('agrees with Date.parse on random instants with random offsets', () => {
    const seed = 20_251_203;
    const rand = seededRandom(seed);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(rand() * 4e12);
      const offsetMin = Math.round((rand() * 26 - 12) * 4) * 15;
      const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
      const sign = offsetMin < 0 ? '-' : '+';
      const abs = Math.abs(offsetMin);
      const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      expect(parseInstantMs(text), `seed ${seed}: ${text}`).toBe(Date.parse(text));
    }
  });

  it('reads Z, minutes-only, and fractions; refuses timestamps without an offset', () => {
    expect(parseInstantMs('2025-03-31T23:30Z')).toBe(Date.parse('2025-03-31T23:30:00Z'));
    expect(parseInstantMs('2025-03-31T23:30:00.5+0200')).toBe(
      Date.parse('2025-03-31T21:30:00.500Z'),
    );
    expect(parseInstantMs('2025-03-31T23:30:00')).toBeNaN();
    expect(parseInstantMs('2025-03-31 23:30:00Z')).toBeNaN();
    expect(parseInstantMs('2025-03-31T24:00:00Z')).toBeNaN();
    expect(parseInstantMs('2025-03-31T23:30:00Z junk')).toBeNaN();
  });
});
