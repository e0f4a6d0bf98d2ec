import { z } from 'zod';
import { daysFromCivil, MS_PER_DAY } from './day-math.ts';

/**
 * "Which calendar day is it in the organisation's zone at this instant?" A check-in typed at 23:30
 * in New York is 04:30 UTC the next day; counting it on the UTC day would push a last-day check-in
 * past the goal's end. The answer comes from the platform's time-zone data (Intl), so no zone
 * table ships with core.
 */

/** Whether the platform knows an IANA zone name (`Europe/Berlin`, `Asia/Dhaka`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name checked against the platform's data, for organisation settings. */
export const TimeZoneName = z.string().refine(isValidTimeZone, {
  message: 'not a time zone this platform knows (use an IANA name such as Europe/Berlin)',
});

/** Turns instants (ms since the epoch) into epoch days of one zone. */
export type ZonedDayOf = (epochMs: number) => number;

const QUARTER_HOUR = 900_000;

/**
 * Makes a converter for one zone. Offsets are looked up once per UTC day: when the offset at the
 * start and at the end of that day agree, the whole day shares it (a zone changes offset at most
 * once a day); on a transition day the offset is looked up per quarter hour, since every zone in
 * use today changes on a quarter-hour boundary. Historic local-mean-time offsets (before ~1900)
 * are not on quarter hours and may be off by minutes; nothing here dates from then.
 *
 * Throws a RangeError for a zone the platform does not know: that is a settings bug, caught
 * earlier by `TimeZoneName`.
 */
export function createZonedDayOf(timeZone: string): ZonedDayOf {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const offsetAt = (ms: number): number => {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of format.formatToParts(ms)) {
      const v = Number(part.value);
      if (part.type === 'year') y = v;
      else if (part.type === 'month') mo = v;
      else if (part.type === 'day') d = v;
      else if (part.type === 'hour') h = v;
      else if (part.type === 'minute') mi = v;
      else if (part.type === 'second') s = v;
    }
    const local = daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
    return local - (ms - (((ms % 1000) + 1000) % 1000));
  };
  // Per UTC day: the day's single offset, or NaN when it changes during that day. Kept in a
  // typed array over a window of days (a Map lookup per check-in cost more than the rest of the
  // conversion), with a Map for days outside the window.
  const WINDOW = 1 << 15; // about 90 years
  let windowStart = NaN;
  const windowOffsets = new Float64Array(WINDOW).fill(Infinity);
  const farOffsets = new Map<number, number>();
  const quarterOffsets = new Map<number, number>();
  const dayOffset = (utcDay: number): number => {
    const slot = utcDay - windowStart;
    if (slot >= 0 && slot < WINDOW) {
      const cached = windowOffsets[slot] as number;
      if (cached !== Infinity) return cached;
    } else if (Number.isNaN(windowStart)) {
      windowStart = utcDay - WINDOW / 2;
      return dayOffset(utcDay);
    } else {
      const far = farOffsets.get(utcDay);
      if (far !== undefined) return far;
    }
    const atStart = offsetAt(utcDay * MS_PER_DAY);
    const atEnd = offsetAt((utcDay + 1) * MS_PER_DAY - 1000);
    const known = atStart === atEnd ? atStart : NaN;
    if (slot >= 0 && slot < WINDOW) windowOffsets[slot] = known;
    else farOffsets.set(utcDay, known);
    return known;
  };
  return (epochMs: number): number => {
    let offset = dayOffset(Math.floor(epochMs / MS_PER_DAY));
    if (Number.isNaN(offset)) {
      const quarter = Math.floor(epochMs / QUARTER_HOUR);
      let q = quarterOffsets.get(quarter);
      if (q === undefined) {
        q = offsetAt(quarter * QUARTER_HOUR);
        quarterOffsets.set(quarter, q);
      }
      offset = q;
    }
    return Math.floor((epochMs + offset) / MS_PER_DAY);
  };
}
