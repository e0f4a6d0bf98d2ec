import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import { importFile, parseImportSettings } from '../import/import-file.ts';
import type { ServerContext } from '../server-context.ts';
import { readBody, sendError, sendJson } from './respond.ts';

/** Failures about the request rather than the file's content: answered 400, not 422. */
const BAD_REQUEST = new Set(['unknown-profile', 'invalid-profile', 'invalid-org']);

function flag(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  return value === '' || value === '1' || value === 'true' || value === 'yes';
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
  const profileJson = query.get('profileJson');
  let parsedProfile: unknown;
  if (profileJson !== null) {
    try {
      parsedProfile = JSON.parse(profileJson);
    } catch {
      sendError(res, 400, 'invalid-profile', 'profileJson is not valid JSON');
      return;
    }
  }
  const parsed = parseImportSettings({
    profile: query.get('profile') ?? undefined,
    profileJson: parsedProfile,
    org: query.get('org') ?? principal.org,
    dryRun: flag(query.get('dryRun')),
    partial: flag(query.get('partial')),
    fileName: query.get('fileName') ?? undefined,
    encoding: query.get('encoding') ?? undefined,
    delimiter: query.get('delimiter') ?? undefined,
    dateFormat: query.get('dateFormat') ?? undefined,
  });
  if (!parsed.ok) {
    sendError(res, 400, parsed.reason, parsed.message);
    return;
  }
  if (parsed.settings.org !== principal.org) {
    sendError(res, 403, 'forbidden', 'a token may only import into its own organisation');
    return;
  }
  const body = await readBody(req, ctx.maxBodyBytes);
  if (!body.ok) {
    sendError(
      res,
      body.reason === 'body-too-large' ? 413 : 400,
      body.reason,
      'could not read the file',
    );
    return;
  }
  const started = Date.now();
  const result = await importFile(ctx.registry, body.bytes, parsed.settings);
  ctx.logger.info(
    {
      by: principal.personId,
      org: parsed.settings.org,
      ok: result.ok,
      reason: result.ok ? undefined : result.reason,
      dryRun: parsed.settings.dryRun,
      counts: result.report.counts,
      applied: result.ok ? result.applied : null,
      ms: Date.now() - started,
    },
    'import',
  );
  if (result.ok) sendJson(res, 200, result);
  else sendJson(res, BAD_REQUEST.has(result.reason) ? 400 : 422, result);
}
