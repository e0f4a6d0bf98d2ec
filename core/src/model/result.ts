/**
 * Expected failures (a bad import row, a denied document) are values, not exceptions: callers must
 * look at `ok` before they can reach the value, and tests assert on `reason`.
 */
export type Result<T, R extends string = string> =
  { ok: true; value: T } | { ok: false; reason: R; message: string; details?: unknown };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<R extends string>(
  reason: R,
  message: string,
  details?: unknown,
): { ok: false; reason: R; message: string; details?: unknown } {
  return details === undefined
    ? { ok: false, reason, message }
    : { ok: false, reason, message, details };
}
