import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@firstline/core/access/index';
import type { TokenVerifier } from '../server-context.ts';

/** Writes a JSON answer; every API answer, errors included, is JSON with a `reason` on failure. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A refusal in the API's shape: `{ reason, message }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  reason: string,
  message: string,
): void {
  sendJson(res, status, { reason, message });
}

/** Why a request body could not be read. */
export type BodyFailure = 'body-too-large' | 'body-aborted';

/** Reads the whole request body, refusing (and draining nothing more) past `limit` bytes. */
export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: BodyFailure }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, reason: 'body-too-large' });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) });
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      resolve({ ok: false, reason: 'body-aborted' });
    });
  });
}

/**
 * The principal of an `Authorization: Bearer` request, or null after answering 401 itself, so
 * route handlers read as "who is it; may they; do it".
 */
export async function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  verify: TokenVerifier,
): Promise<Principal | null> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  // The server's verifier: the same checks as a sync connection, revocations included.
  const verified = await verify(match?.[1] ?? null);
  if (verified.ok) return verified.value.principal;
  res.setHeader('www-authenticate', 'Bearer');
  sendError(res, 401, verified.reason, verified.message);
  return null;
}

/** HR and admin may use the organisation-wide API; members see only their own documents. */
export function isStaff(principal: Principal): boolean {
  return principal.role === 'hr' || principal.role === 'admin';
}
