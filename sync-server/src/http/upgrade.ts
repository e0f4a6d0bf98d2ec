import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseDocName } from '@firstline/core/docs/names';
import type { SharedDoc } from '../documents/shared-doc.ts';
import { verifyToken } from '../auth/tokens.ts';
import { CloseCode } from '../protocol/close-codes.ts';
import type { ServerContext } from '../server-context.ts';
import { serveConnection, type ConnectionGrant } from '../sync/connection.ts';
import { accessFor } from './authorize.ts';

/** The path prefix of sync connections: `ws://host:port/sync/{docName}?token=...`. */
export const SYNC_PATH = '/sync/';

type Decision =
  | { ok: true; shared: SharedDoc; grant: ConnectionGrant }
  | { ok: false; code: number; reason: string };

async function decide(ctx: ServerContext, req: IncomingMessage): Promise<Decision> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(SYNC_PATH)) {
    return { ok: false, code: CloseCode.badDocName, reason: 'not a sync path' };
  }
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
  } catch {
    return { ok: false, code: CloseCode.badDocName, reason: 'bad document name' };
  }
  const ref = parseDocName(name);
  if (ref === null) return { ok: false, code: CloseCode.badDocName, reason: 'bad document name' };
  const token = await verifyToken(ctx.secret, url.searchParams.get('token'));
  if (!token.ok) return { ok: false, code: CloseCode.badToken, reason: token.reason };
  const { principal, expiresAt } = token.value;
  const { access, facts } = await accessFor(ctx.registry, principal, ref);
  if (access === 'deny') return { ok: false, code: CloseCode.forbidden, reason: 'forbidden' };
  // The document is fully loaded before the upgrade completes, so the first sync step the client
  // receives already carries the stored state, however slow the store is.
  const shared = await ctx.registry.acquire(name);
  return { ok: true, shared, grant: { principal, ref, access, expiresAt, facts } };
}

/**
 * Handles an HTTP upgrade: checks the document name, the token and the permission, loads the
 * document, and only then completes the upgrade. Refusals complete the upgrade too and close
 * with a named code, because browsers hide the status of a refused upgrade from scripts.
 */
export function handleUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  let socketGone = false;
  socket.on('error', (error) => ctx.logger.debug({ err: error }, 'upgrade socket error'));
  socket.once('close', () => {
    socketGone = true;
  });
  decide(ctx, req).then(
    (decision) => {
      let handedOver = false;
      const releaseUnlessServed = (): void => {
        if (decision.ok && !handedOver) ctx.registry.release(decision.shared);
        handedOver = true;
      };
      if (socketGone || socket.destroyed) {
        releaseUnlessServed();
        return;
      }
      // ws drops a broken handshake without calling back; the document must still be released.
      socket.once('close', releaseUnlessServed);
      ctx.wss.handleUpgrade(req, socket, head, (ws) => {
        socket.off('close', releaseUnlessServed);
        handedOver = true;
        if (!decision.ok) {
          ctx.logger.info({ url: redact(req.url), code: decision.code }, 'connection refused');
          ws.close(decision.code, decision.reason);
          return;
        }
        serveConnection(
          ws,
          decision.shared,
          decision.grant,
          ctx.registry,
          ctx.logger,
          ctx.connection,
        );
      });
    },
    (error: unknown) => {
      ctx.logger.error({ err: error, url: redact(req.url) }, 'upgrade failed');
      socket.destroy();
    },
  );
}

/** The request URL without its token, for logs. */
function redact(url: string | undefined): string {
  return (url ?? '').replace(/token=[^&]*/g, 'token=***');
}
