import type { Access, DocFacts, Principal } from '@firstline/core/access/index';
import { decideAccess } from '@firstline/core/access/index';
import type { DocRef } from '@firstline/core/docs/names';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import type { DocRegistry } from '../documents/doc-registry.ts';
import type { DocPeer, SharedDoc } from '../documents/shared-doc.ts';
import type { ClosingReason } from '../metrics/server-metrics.ts';
import { CloseCode } from '../protocol/close-codes.ts';
import { encodeSaved } from '../protocol/save-messages.ts';
import { applyClientUpdate, changesNothing } from './guarded-apply.ts';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
} from '../protocol/messages.ts';

/** Limits of one connection. */
export interface ConnectionOptions {
  /** Frames bigger than this close the connection with 4413. */
  maxMessageBytes: number;
  /** A client that does not answer a ping within this time is dropped. */
  pingIntervalMs: number;
  /** Updates that would grow the stored document past this many bytes close it with 4413. */
  maxDocBytes?: number;
  /** Rate limiting: called for every frame; false closes the connection with 4429. */
  allowMessage?: () => boolean;
  /** Frames the client sent before it was authorized, replayed first, in order. */
  held?: RawData[];
  /** Told why the server closed this connection (for metrics). */
  onServerClose?: (reason: ClosingReason) => void;
  /** Told when a save acknowledgement was sent (for metrics). */
  onAck?: () => void;
}

/** What the upgrade decided about this connection. */
export interface ConnectionGrant {
  principal: Principal;
  ref: DocRef;
  access: Exclude<Access, 'deny'>;
  /** Token expiry in epoch seconds; the connection is closed with 4401 then. */
  expiresAt: number;
  /** Cycle document state read at connect time (SPEC C5.4), reused when the directory changes. */
  facts?: DocFacts;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Runs the y-websocket protocol for one accepted socket on an already loaded document. The document
 * was acquired by the caller; this releases it when the socket closes. A read connection may sync
 * and publish presence, but its document updates are dropped unapplied.
 */
export function serveConnection(
  ws: WebSocket,
  shared: SharedDoc,
  grant: ConnectionGrant,
  registry: DocRegistry,
  logger: Logger,
  options: ConnectionOptions,
): void {
  const log = logger.child({
    doc: shared.name,
    person: grant.principal.personId,
    access: grant.access,
  });
  let alive = true;
  let dropped = 0;
  let access = grant.access;
  /** Updates that could not be integrated completely (see `applyClientUpdate`). */
  // After the server decided to close, the frames still in flight are not looked at.
  let closing = false;
  const closeFor = (reason: ClosingReason, code: number, text: string): void => {
    closing = true;
    options.onServerClose?.(reason);
    peer.close(code, text);
  };

  // A commit batch (see group-commit-store) relays every edit in it to every peer within one
  // turn of the event loop. Corking the socket for that turn turns those frames into one write
  // per peer instead of one per frame; the frames and their order are unchanged.
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket?.uncork();
  };

  const peer: DocPeer = {
    send(message) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (!corked && socket !== undefined) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      ws.send(message, (error) => {
        if (error) log.debug({ err: error }, 'send failed');
      });
    },
    close(code, reason) {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        ws.close(code, reason);
      }
    },
    recheck(directory) {
      const next = decideAccess(grant.principal, grant.ref, directory, grant.facts);
      if (next === access) return;
      log.info({ from: access, to: next }, 'access changed by a directory update');
      if (next === 'deny') closeFor('access-revoked', CloseCode.forbidden, 'access revoked');
      else access = next;
    },
  };
  shared.addPeer(peer);

  const ping = setInterval(() => {
    if (!alive) {
      log.info('no pong; dropping connection');
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, options.pingIntervalMs);
  ping.unref();
  ws.on('pong', () => {
    alive = true;
  });

  const untilExpiry = grant.expiresAt * 1000 - Date.now();
  const expiry = setTimeout(
    () => closeFor('token-expired', CloseCode.badToken, 'token expired'),
    Math.min(Math.max(untilExpiry, 0), 2_147_000_000),
  );
  expiry.unref();

  const handleMessage = (bytes: Uint8Array): void => {
    if (closing || ws.readyState !== WebSocket.OPEN) return;
    if (bytes.byteLength > options.maxMessageBytes) {
      log.warn({ bytes: bytes.byteLength }, 'frame too large');
      closeFor('frame-too-large', CloseCode.tooLarge, 'frame too large');
      return;
    }
    if (options.allowMessage !== undefined && !options.allowMessage()) {
      log.warn('message rate limit reached');
      closeFor('rate-limited', CloseCode.rateLimited, 'rate limited');
      return;
    }
    if (shared.isBroken) return;
    const message = decodeClientMessage(bytes);
    switch (message.type) {
      case 'sync-step1':
        peer.send(encodeSyncStep2(shared.doc, message.stateVector));
        return;
      case 'sync-update':
        if (access !== 'write') {
          // A read-only client repeating what it already received is not refused anything.
          if (changesNothing(shared.doc, message.update)) return;
          dropped += 1;
          if (dropped === 1) log.warn('dropping updates from a read-only connection');
          return;
        }
        if (
          options.maxDocBytes !== undefined &&
          shared.storedBytes + message.update.byteLength > options.maxDocBytes &&
          // The stored log overstates the size until compaction; measure before refusing.
          Y.encodeStateAsUpdate(shared.doc).byteLength + message.update.byteLength >
            options.maxDocBytes
        ) {
          log.warn({ bytes: shared.storedBytes }, 'document too large');
          closeFor('doc-too-large', CloseCode.tooLarge, 'document too large');
          return;
        }
        switch (applyClientUpdate(shared.doc, message.update, peer)) {
          case 'applied':
            return;
          case 'incomplete':
            // Kept aside and tried again as the document changes: in scale-out what it builds
            // on is usually another instance's edit a few milliseconds behind.
            shared.park(message.update, peer);
            return;
          case 'malformed':
            log.warn('malformed update');
            closeFor('malformed', CloseCode.invalidMessage, 'malformed update');
            return;
        }
        return;
      case 'awareness':
        applyAwarenessUpdate(shared.awareness, message.update, peer);
        return;
      case 'query-awareness':
        peer.send(encodeAwareness(shared.awareness));
        return;
      case 'auth':
        return;
      case 'save-request': {
        // Everything this connection sent before the request is committed, or queued behind the
        // commits in order; answer once those are done. A broken document answers nothing.
        const refused = dropped > 0 || shared.hasParked(peer);
        shared.flushed().then(
          () => {
            if (shared.isBroken) return;
            peer.send(encodeSaved({ n: message.n, epoch: shared.epoch, refused }));
            options.onAck?.();
          },
          () => undefined,
        );
        return;
      }
      case 'malformed':
        log.warn({ detail: message.detail }, 'malformed message');
        closeFor('malformed', CloseCode.invalidMessage, 'malformed message');
        return;
    }
  };

  // Every decoder below can throw on bytes a client made up (a state vector that ends early, an
  // update with a bad struct): such a frame closes this connection, never the process.
  const onMessage = (data: RawData): void => {
    try {
      handleMessage(toBytes(data));
    } catch (error) {
      log.warn({ err: error }, 'malformed frame');
      closeFor('malformed', CloseCode.invalidMessage, 'malformed frame');
    }
  };
  ws.on('message', onMessage);

  ws.on('close', (code) => {
    clearInterval(ping);
    clearTimeout(expiry);
    shared.removePeer(peer);
    registry.release(shared);
    log.debug({ code, dropped }, 'connection closed');
  });
  ws.on('error', (error) => log.debug({ err: error }, 'socket error'));

  peer.send(encodeSyncStep1(shared.doc));
  if (shared.awareness.getStates().size > 0) peer.send(encodeAwareness(shared.awareness));
  for (const frame of options.held ?? []) onMessage(frame);
  log.debug('connection open');
}
