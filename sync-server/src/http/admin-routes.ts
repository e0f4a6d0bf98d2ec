import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import { Id } from '@firstline/core/model/ids';
import type { RevocationRequest } from '../auth/revocation-list.ts';
import type { ServerContext } from '../server-context.ts';
import { readBody, sendError, sendJson } from './respond.ts';

/** The path of the revocation list: `GET` lists, `POST` adds. */
export const REVOCATIONS_PATH = '/api/admin/revocations';

/** Parses a revocation body: `{ "person": "p7" }` or `{ "tokenId": "..." }`, plus `reason`. */
export function parseRevocationBody(org: string, body: unknown): RevocationRequest | null {
  if (typeof body !== 'object' || body === null) return null;
  const { person, tokenId, reason } = body as Record<string, unknown>;
  const why = typeof reason === 'string' ? reason.slice(0, 200) : undefined;
  if (typeof person === 'string' && Id.safeParse(person).success && tokenId === undefined) {
    return { kind: 'person', org, personId: person, ...(why ? { reason: why } : {}) };
  }
  if (
    typeof tokenId === 'string' &&
    /^[A-Za-z0-9_-]{1,100}$/.test(tokenId) &&
    person === undefined
  ) {
    return { kind: 'token', tokenId, ...(why ? { reason: why } : {}) };
  }
  return null;
}

/**
 * The revocation list over HTTP, for admins of the organisation: revoking a person closes their
 * live sockets at once and refuses their tokens issued until now. Token revocations are not tied
 * to an organisation (a `jti` is unique), so listing shows an admin only their org's people and
 * every token entry.
 */
export async function handleRevocations(
  ctx: ServerContext,
  principal: Principal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (principal.role !== 'admin') {
    sendError(res, 403, 'forbidden', 'only admins manage revocations');
    return;
  }
  if (req.method === 'GET') {
    const entries = ctx.revocations
      .list()
      .filter((r) => r.kind === 'token' || r.org === principal.org);
    sendJson(res, 200, { revocations: entries });
    return;
  }
  const body = await readBody(req, 64 * 1024);
  if (!body.ok) {
    sendError(res, 413, body.reason, 'body too large or aborted');
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    sendError(res, 400, 'invalid-json', 'the body is not JSON');
    return;
  }
  const request = parseRevocationBody(principal.org, parsed);
  if (request === null) {
    sendError(res, 400, 'invalid-revocation', 'give either "person" or "tokenId"');
    return;
  }
  const entry = ctx.revocations.revoke(request);
  ctx.logger.info({ by: principal.personId, kind: entry.kind }, 'revocation added');
  sendJson(res, 201, { revocation: entry });
}
