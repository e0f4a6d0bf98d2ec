import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import { importActualsFile, parseActualsSettings } from '../import/import-actuals.ts';
import type { ServerContext } from '../server-context.ts';
import { answerImport, queryFlag, queryProfileJson, receiveImportBody } from './import-route.ts';
import { sendError } from './respond.ts';

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
  await answerImport(ctx, principal, parsed.settings, res, 'import-actuals', () =>
    importActualsFile(ctx.registry, bytes, parsed.settings, {
      authorId: principal.personId,
      now: new Date(),
    }),
  );
}
