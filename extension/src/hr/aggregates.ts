import type { DepartmentAggregate } from '../core-browser.ts';
import { fail, ok, type Result } from '../core-browser.ts';
import { z } from 'zod';

/** Why the department figures could not be shown; each has a message key `hr.error.*`. */
export type AggregatesProblem = 'noServer' | 'unauthorized' | 'forbidden' | 'network' | 'invalid';

/** The server's answer (sync-server/src/api/department-report.ts), checked before it is drawn. */
export interface DepartmentReport {
  org: string;
  departments: DepartmentAggregate[];
  invalidEntries: number;
}

const Bucket = z.object({ label: z.string(), value: z.number(), count: z.number().int().min(0) });
const Department = z.object({
  unitId: z.string(),
  name: z.string(),
  headcount: z.number().int().min(0),
  rated: z.number().int().min(0),
  ratings: z.array(Bucket),
  average: z.number().nullable(),
  averageNormalized: z.number().nullable(),
  // Servers before the scale was reported send none: the page then shows the share of the scale.
  scale: z.object({ min: z.number(), max: z.number() }).nullable().default(null),
});
const Report = z.object({
  org: z.string(),
  departments: z.array(Department),
  invalidEntries: z.number().int().default(0),
});

/** The HTTP base of a configured server URL: ws(s) becomes http(s), trailing slashes go. */
export function httpBaseUrl(serverUrl: string): string {
  return serverUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/^ws(s?):\/\//i, 'http$1://');
}

/**
 * Fetches headcount and rating distribution per department with the HR token. `fetchImpl` is a
 * parameter so tests can run it against a real local server.
 */
export async function fetchDepartmentReport(
  serverUrl: string,
  org: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<DepartmentReport, AggregatesProblem>> {
  if (serverUrl.trim() === '' || token.trim() === '') return fail('noServer', 'not configured');
  const url = `${httpBaseUrl(serverUrl)}/api/orgs/${encodeURIComponent(org)}/aggregates/departments`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { authorization: `Bearer ${token.trim()}` } });
  } catch (error) {
    return fail('network', error instanceof Error ? error.message : 'fetch failed');
  }
  if (response.status === 401) return fail('unauthorized', 'token refused');
  if (response.status === 403) return fail('forbidden', 'not hr or admin of this organisation');
  if (!response.ok) return fail('invalid', `HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return fail('invalid', 'not JSON');
  }
  const parsed = Report.safeParse(body);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]?.message ?? 'bad shape');
  return ok(parsed.data);
}
