import type { IsoDate } from '../model/ids.ts';

/**
 * Calendar arithmetic on "epoch days": whole days since 1970-01-01 of a calendar date, with no time
 * zone attached. Pace and reminders compare calendar days in the organisation's zone, so a
 * daylight-saving change (a 23- or 25-hour day) can never shift a count the way multiples of 24
 * hours would. Parsing here is by character codes because the reminder evaluator turns millions of
 * check-in timestamps into days and `Date.parse` dominated that cost.
 */

/** Milliseconds in a day, for turning a zone-shifted instant into its epoch day. */
export const MS_PER_DAY = 86_400_000;

/** Epoch day of a proleptic Gregorian date (month 1-12); exact for any year (H. Hinnant's method). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of an epoch day as `YYYY-MM-DD`, for keys and messages people read. */
export function formatEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day of the week of an epoch day, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** The Monday on or before an epoch day: the bucket for weekly reminders. */
export function mondayOnOrBefore(epochDay: number): number {
  return epochDay - ((weekdayOfEpochDay(epochDay) + 6) % 7);
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Reads `YYYY-MM-DD` at a position without slicing, so parsing an instant allocates nothing.
function civilDayAt(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return NaN;
  const y = digits(text, at, 4);
  const m = digits(text, at + 5, 2);
  const d = digits(text, at + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Epoch day of a `YYYY-MM-DD` string, or NaN when it is not a real calendar date. */
export function parseIsoDay(text: string): number {
  return text.length === 10 ? civilDayAt(text, 0) : NaN;
}

/**
 * Milliseconds since the epoch of an ISO 8601 instant with an explicit offset
 * (`2025-03-31T23:30:00+02:00`, `...Z`, fractions of a second allowed), or NaN. A timestamp without
 * an offset is refused: it would mean different instants on different machines.
 */
export function parseInstantMs(text: string): number {
  const n = text.length;
  if (n < 17 || text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== 58) return NaN;
  const day = civilDayAt(text, 0);
  const hh = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  if (Number.isNaN(day) || hh < 0 || hh > 23 || mi < 0 || mi > 59) return NaN;
  let i = 16;
  let ss = 0;
  let frac = 0;
  if (text.charCodeAt(i) === 58) {
    ss = digits(text, 17, 2);
    if (ss < 0 || ss > 59) return NaN;
    i = 19;
    if (text.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return NaN;
    }
  }
  const base = day * MS_PER_DAY + ((hh * 60 + mi) * 60 + ss) * 1000 + Math.floor(frac);
  const sign = text.charCodeAt(i);
  if (sign === 90 /* Z */ || sign === 122 /* z */) return i + 1 === n ? base : NaN;
  if (sign !== 43 && sign !== 45) return NaN;
  const oh = digits(text, i + 1, 2);
  const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
  const om = digits(text, i + 3 + colon, 2);
  if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== n) return NaN;
  const offsetMs = (oh * 60 + om) * 60_000;
  return sign === 43 ? base - offsetMs : base + offsetMs;
}
