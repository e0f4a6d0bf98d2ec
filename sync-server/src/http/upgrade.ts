import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseDocName } from '@firstline/core/docs/names';
import type { WebSocket } from 'ws';
import type { SharedDoc } from '../documents/shared-doc.ts';
import type { VerifiedToken } from '../auth/tokens.ts';
import { clientIp } from '../limits/limits.ts';
import type { RefusalReason } from '../metrics/server-metrics.ts';
import { CloseCode } from '../protocol/close-codes.ts';
import type { ServerContext } from '../server-context.ts';
import { serveConnection, type ConnectionGrant } from '../sync/connection.ts';
import { holdFrames } from '../sync/pre-auth-hold.ts';
import { accessFor } from './authorize.ts';

/** The path prefix of sync connections: `ws://host:port/sync/{docName}?token=...`. */
export const SYNC_PATH = '/sync/';

type Decision =
  | { ok: true; shared: SharedDoc; grant: ConnectionGrant; token: VerifiedToken }
  | { ok: false; code: number; reason: RefusalReason; detail?: string };

function refuse(code: number, reason: RefusalReason, detail?: string): Decision {
  return detail === undefined ? { ok: false, code, reason } : { ok: false, code, reason, detail };
}

async function decide(ctx: ServerContext, req: IncomingMessage): Promise<Decision> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(SYNC_PATH)) return refuse(CloseCode.badDocName, 'bad-doc-name');
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
  } catch {
    return refuse(CloseCode.badDocName, 'bad-doc-name');
  }
  const ref = parseDocName(name);
  if (ref === null) return refuse(CloseCode.badDocName, 'bad-doc-name');
  const token = await ctx.verify(url.searchParams.get('token'));
  if (!token.ok) return refuse(CloseCode.badToken, token.reason);
  const { principal, expiresAt } = token.value;
  if (!ctx.limits.connectionsPerToken.take(`${principal.org}/${principal.personId}`)) {
    return refuse(CloseCode.rateLimited, 'rate-limited');
  }
  const { access, facts } = await accessFor(ctx.registry, principal, ref);
  if (access === 'deny') return refuse(CloseCode.forbidden, 'forbidden');
  // The document is fully loaded before the connection is served, so the first sync step the
  // client receives already carries the stored state, however slow the store is.
  const shared = await ctx.registry.acquire(name);
  // A client that names the epoch of its copy learns here that the copy is of a document that
  // was since restored or reset; merging it would bring back (or duplicate) what is gone.
  const epoch = url.searchParams.get('epoch');
  if (epoch !== null && epoch !== shared.epoch) {
    ctx.registry.release(shared);
    return refuse(CloseCode.epochChanged, 'epoch-changed', `epoch:${shared.epoch}`);
  }
  return {
    ok: true,
    shared,
    grant: { principal, ref, access, expiresAt, facts },
    token: token.value,
  };
}

/**
 * Handles an HTTP upgrade. The upgrade completes at once (browsers hide the status of a refused
 * upgrade, so every refusal is a close code), then the connection waits while the token is
 * verified (which may be slow: an external verifier), access is decided and the document loaded.
 * What the client sends meanwhile is held unapplied, capped, and dropped if it is refused.
 */
export function handleUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  socket.on('error', (error) => ctx.logger.debug({ err: error }, 'upgrade socket error'));
  ctx.wss.handleUpgrade(req, socket, head, (ws) => {
    admit(ctx, req, ws).catch((error: unknown) => {
      ctx.logger.error({ err: error, url: redact(req.url) }, 'admission failed');
      ws.terminate();
    });
  });
}

async function admit(ctx: ServerContext, req: IncomingMessage, ws: WebSocket): Promise<void> {
  const ip = clientIp(req, ctx.limits.trustProxy);
  const log = ctx.logger.child({ url: redact(req.url) });
  const refuseNow = (code: number, reason: RefusalReason, detail?: string): void => {
    ctx.metrics.refused.inc({ reason });
    log.info({ code, reason }, 'connection refused');
    if (ws.readyState === ws.OPEN) ws.close(code, detail ?? reason);
  };
  if (ctx.lifecycle.closing) return refuseNow(CloseCode.shutdown, 'shutting-down');
  if (!ctx.limits.connectionsPerIp.take(ip))
    return refuseNow(CloseCode.rateLimited, 'rate-limited');

  let settled = false;
  const held = holdFrames(
    ws,
    { maxBytes: ctx.limits.preAuthMaxBytes, maxFrames: ctx.limits.preAuthMaxFrames },
    () => {
      settled = true;
      refuseNow(CloseCode.tooLarge, 'pre-auth-overflow', 'too much data before authorization');
    },
  );
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    held.drop();
    refuseNow(CloseCode.badToken, 'auth-timeout', 'authorization timed out');
  }, ctx.limits.authTimeoutMs);
  timer.unref();

  let decision: Decision;
  try {
    decision = await decide(ctx, req);
  } catch (error) {
    clearTimeout(timer);
    held.drop();
    log.error({ err: error }, 'could not admit connection');
    if (!settled) refuseNow(CloseCode.internalError, 'load-failed', 'internal error');
    return;
  }
  clearTimeout(timer);
  if (settled || ws.readyState !== ws.OPEN) {
    // Refused meanwhile (overflow, timeout) or gone: nothing it sent is applied.
    held.drop();
    if (decision.ok) ctx.registry.release(decision.shared);
    return;
  }
  settled = true;
  if (!decision.ok) {
    held.drop();
    refuseNow(decision.code, decision.reason, decision.detail);
    return;
  }
  const { shared, grant, token } = decision;
  const forget = ctx.live.add({
    token,
    docName: shared.name,
    ip,
    close: (code, reason) => {
      if (ws.readyState === ws.OPEN) ws.close(code, reason);
    },
  });
  ws.once('close', forget);
  const person = `${grant.principal.org}/${grant.principal.personId}`;
  serveConnection(ws, shared, grant, ctx.registry, ctx.logger, {
    ...ctx.connection,
    maxDocBytes: ctx.limits.maxDocBytes,
    allowMessage: () =>
      ctx.limits.messagesPerIp.take(ip) && ctx.limits.messagesPerToken.take(person),
    onServerClose: (reason) => ctx.metrics.closed.inc({ reason }),
    onAck: () => ctx.metrics.acks.inc(),
    held: held.take(),
  });
}

/** The request URL without its token, for logs. */
function redact(url: string | undefined): string {
  return (url ?? '').replace(/token=[^&]*/g, 'token=***');
}
