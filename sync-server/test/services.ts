import { randomBytes } from 'node:crypto';
import { it } from 'vitest';

/** Connection URLs of the Redis and PostgreSQL that `scripts/ensure-services.sh` started. */
export interface ServiceUrls {
  redis: string;
  pg: string;
}

const HINT = 'run `eval "$(bash scripts/ensure-services.sh)"` first';

/**
 * The test services, or null when they are not configured. Under CI a missing variable is a
 * failure, not a skip: `registerMissingServices` turns the null into a failing test there, and
 * into a clearly named skipped one on a developer's machine.
 */
export function serviceUrls(): ServiceUrls | null {
  const redis = process.env.FIRSTLINE_TEST_REDIS_URL;
  const pg = process.env.FIRSTLINE_TEST_PG_URL;
  if (redis === undefined || redis === '' || pg === undefined || pg === '') return null;
  return { redis, pg };
}

/**
 * Registers what stands in for a suite whose services are missing: a failing test under
 * `CI=true`, a skipped one named after the missing variables elsewhere.
 */
export function registerMissingServices(suite: string): void {
  const message = `${suite}: FIRSTLINE_TEST_REDIS_URL and FIRSTLINE_TEST_PG_URL are not set; ${HINT}`;
  if (process.env.CI === 'true') {
    it(`${suite} needs Redis and PostgreSQL`, () => {
      throw new Error(message);
    });
  } else {
    it.skip(`NOT RUN: ${suite} (no Redis/PostgreSQL; ${HINT})`, () => undefined);
  }
}

/** A fresh schema name, so test files running in parallel never share tables. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
