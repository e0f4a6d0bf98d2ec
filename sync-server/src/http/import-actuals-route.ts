import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import { importActualsFile, parseActualsSettings } from '../import/import-actuals.ts';
import type { ServerContext } from '../server-context.ts';
import { BAD_REQUEST, queryFlag, queryProfileJson, receiveImportBody } from './import-route.ts';
import { sendError, sendJson } from './respond.ts';

/** The path of the bulk actuals import. */
export const IMPORT_ACTUALS_PATH = '/api/import-actuals';

/**
 * `POST /api/import-actuals`: the body is a file of actuals (CSV or XLSX), the query carries
 * `profile` (or `profileJson`), `org`, `dryRun`, `partial`, `createMissing` and `fileName`.
 * Answers the row report; 422 (with the report) when the file fails validation and nothing was
 * written. The check-ins are written to the live goal documents, authored by the token's person.
 */
export async function handleImportActuals(
  ctx: ServerContext,
  principal: Principal,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const profileJson = queryProfileJson(query, res);
  if (profileJson === null) return;
  const parsed = parseActualsSettings({
    profile: query.get('profile') ?? undefined,
    profileJson: profileJson.value,
    org: query.get('org') ?? principal.org,
    dryRun: queryFlag(query.get('dryRun')),
    partial: queryFlag(query.get('partial')),
    createMissing: queryFlag(query.get('createMissing')),
    fileName: query.get('fileName') ?? undefined,
  });
  if (!parsed.ok) {
    sendError(res, 400, parsed.reason, parsed.message);
    return;
  }
  const bytes = await receiveImportBody(ctx, principal, parsed.settings.org, req, res);
  if (bytes === null) return;
  const started = Date.now();
  const result = await importActualsFile(ctx.registry, bytes, parsed.settings, {
    authorId: principal.personId,
    now: new Date(),
  });
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
    'import-actuals',
  );
  if (result.ok) sendJson(res, 200, result);
  else sendJson(res, BAD_REQUEST.has(result.reason) ? 400 : 422, result);
}
