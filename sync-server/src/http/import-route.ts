import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import { importFile, parseImportSettings } from '../import/import-file.ts';
import type { ServerContext } from '../server-context.ts';
import { readBody, sendError, sendJson } from './respond.ts';

/** Failures about the request rather than the file's content: answered 400, not 422. */
const BAD_REQUEST = new Set(['unknown-profile', 'invalid-profile', 'invalid-org']);

/** A boolean query parameter: present and empty, 1, true or yes mean true. */
export function queryFlag(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  return value === '' || value === '1' || value === 'true' || value === 'yes';
}

/** The `profileJson` parameter parsed; null after answering 400 when it is not JSON. */
export function queryProfileJson(
  query: URLSearchParams,
  res: ServerResponse,
): { value: unknown } | null {
  const text = query.get('profileJson');
  if (text === null) return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    sendError(res, 400, 'invalid-profile', 'profileJson is not valid JSON');
    return null;
  }
}

/**
 * The file's bytes, after checking that the token imports into its own organisation; null after
 * answering the error. Shared by every import route, so each refuses the same way.
 */
export async function receiveImportBody(
  ctx: ServerContext,
  principal: Principal,
  org: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Uint8Array | null> {
  if (org !== principal.org) {
    sendError(res, 403, 'forbidden', 'a token may only import into its own organisation');
    return null;
  }
  const body = await readBody(req, ctx.maxBodyBytes);
  if (!body.ok) {
    sendError(
      res,
      body.reason === 'body-too-large' ? 413 : 400,
      body.reason,
      'could not read the file',
    );
    return null;
  }
  return body.bytes;
}

/**
 * `POST /api/import`: the body is the file's bytes, the query carries the settings. Answers the
 * import report; 422 (with the report) when the file fails validation and nothing was applied.
 * HR and admin import only into their own organisation.
 */
export async function handleImport(
  ctx: ServerContext,
  principal: Principal,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const profileJson = queryProfileJson(query, res);
  if (profileJson === null) return;
  const parsed = parseImportSettings({
    profile: query.get('profile') ?? undefined,
    profileJson: profileJson.value,
    org: query.get('org') ?? principal.org,
    dryRun: queryFlag(query.get('dryRun')),
    partial: queryFlag(query.get('partial')),
    fileName: query.get('fileName') ?? undefined,
    encoding: query.get('encoding') ?? undefined,
    delimiter: query.get('delimiter') ?? undefined,
    dateFormat: query.get('dateFormat') ?? undefined,
  });
  if (!parsed.ok) {
    sendError(res, 400, parsed.reason, parsed.message);
    return;
  }
  const bytes = await receiveImportBody(ctx, principal, parsed.settings.org, req, res);
  if (bytes === null) return;
  await answerImport(ctx, principal, parsed.settings, res, 'import', () =>
    importFile(ctx.registry, bytes, parsed.settings),
  );
}

/** What every import route answers with: a report, and on success what was applied. */
type ImportAnswer =
  | { ok: true; applied: unknown; report: { counts: unknown } }
  | { ok: false; reason: string; report: { counts: unknown } };

/**
 * Runs an import, logs one line about it and answers it: 200 with the report, 400 when the
 * request itself was wrong, 422 (with the report) when the file failed and nothing was written.
 * Shared by every import route, so each logs and answers the same way.
 */
export async function answerImport(
  ctx: ServerContext,
  principal: Principal,
  settings: { org: string; dryRun: boolean },
  res: ServerResponse,
  event: string,
  run: () => Promise<ImportAnswer>,
): Promise<void> {
  const started = Date.now();
  const result = await run();
  ctx.logger.info(
    {
      by: principal.personId,
      org: settings.org,
      ok: result.ok,
      reason: result.ok ? undefined : result.reason,
      dryRun: settings.dryRun,
      counts: result.report.counts,
      applied: result.ok ? result.applied : null,
      ms: Date.now() - started,
    },
    event,
  );
  if (result.ok) sendJson(res, 200, result);
  else sendJson(res, BAD_REQUEST.has(result.reason) ? 400 : 422, result);
}
