import type { IncomingMessage, ServerResponse } from 'node:http';
import { departmentReport } from '../api/department-report.ts';
import type { ServerContext } from '../server-context.ts';
import { currentDirectory } from './authorize.ts';
import { handleRevocations, REVOCATIONS_PATH } from './admin-routes.ts';
import { handleImportActuals, IMPORT_ACTUALS_PATH } from './import-actuals-route.ts';
import { handleImport } from './import-route.ts';
import { handleMetrics, handleReady } from './ops-routes.ts';
import { authenticate, isStaff, sendError, sendJson } from './respond.ts';

const AGGREGATES = /^\/api\/orgs\/([A-Za-z0-9][A-Za-z0-9._:-]{0,119})\/aggregates\/departments$/;

/** Routes plain HTTP requests: health, who-am-I, import and HR aggregates. */
export async function handleRequest(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === '/healthz' && method === 'GET') {
    sendJson(res, 200, { ok: true, docsLoaded: ctx.registry.loadedNames().length });
    return;
  }
  if (path === '/readyz' && method === 'GET') {
    await handleReady(ctx, res);
    return;
  }
  if (path === '/metrics' && method === 'GET') {
    await handleMetrics(ctx, req, res);
    return;
  }
  if (path === REVOCATIONS_PATH && (method === 'GET' || method === 'POST')) {
    const principal = await authenticate(req, res, ctx.verify);
    if (principal === null) return;
    await handleRevocations(ctx, principal, req, res);
    return;
  }
  if (path === '/api/me' && method === 'GET') {
    const principal = await authenticate(req, res, ctx.verify);
    if (principal === null) return;
    const directory = await currentDirectory(ctx.registry, principal.org);
    const person = directory.people.get(principal.personId) ?? null;
    sendJson(res, 200, {
      ...principal,
      name: person?.name ?? null,
      unitId: person?.unitId ?? null,
    });
    return;
  }
  if (path === '/api/import' && method === 'POST') {
    const principal = await authenticate(req, res, ctx.verify);
    if (principal === null) return;
    if (!isStaff(principal)) {
      sendError(res, 403, 'forbidden', 'only hr and admin may import');
      return;
    }
    await handleImport(ctx, principal, url.searchParams, req, res);
    return;
  }
  if (path === IMPORT_ACTUALS_PATH && method === 'POST') {
    const principal = await authenticate(req, res, ctx.verify);
    if (principal === null) return;
    if (!isStaff(principal)) {
      sendError(res, 403, 'forbidden', 'only hr and admin may import');
      return;
    }
    await handleImportActuals(ctx, principal, url.searchParams, req, res);
    return;
  }
  const aggregates = AGGREGATES.exec(path);
  if (aggregates !== null && method === 'GET') {
    const principal = await authenticate(req, res, ctx.verify);
    if (principal === null) return;
    const org = aggregates[1]!;
    if (!isStaff(principal) || principal.org !== org) {
      sendError(res, 403, 'forbidden', 'only hr and admin of this organisation see aggregates');
      return;
    }
    sendJson(res, 200, await departmentReport(ctx.registry, org));
    return;
  }
  sendError(res, 404, 'not-found', `no route for ${method} ${path}`);
}
