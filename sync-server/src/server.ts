import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { loadSecret } from './auth/secret.ts';
import { DocRegistry } from './documents/doc-registry.ts';
import { handleRequest } from './http/routes.ts';
import { sendError } from './http/respond.ts';
import { handleUpgrade, SYNC_PATH } from './http/upgrade.ts';
import { createLogger } from './log/logger.ts';
import { CloseCode } from './protocol/close-codes.ts';
import type { ServerContext } from './server-context.ts';
import type { DocStore } from './storage/doc-store.ts';
import { createSqliteStore } from './storage/sqlite-store.ts';
import { writeServerLock } from './storage/server-lock.ts';

/** The SQLite file inside the data directory. */
export const STORE_FILE = 'firstline.sqlite';

/** Options of `startServer`; only `dataDir` is required. */
export interface StartServerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port; 0 picks a free one (tests). Default 8787. */
  port?: number;
  /** Where the SQLite file and the generated JWT secret live. Created if missing. */
  dataDir: string;
  /** Signing secret; default `FIRSTLINE_JWT_SECRET`, else `{dataDir}/jwt-secret`. */
  secret?: Uint8Array | string;
  /** Structured logger; default pino at `FIRSTLINE_LOG_LEVEL`. */
  logger?: Logger;
  /** Document store; default SQLite at `{dataDir}/firstline.sqlite`. A given store is not closed. */
  store?: DocStore;
  /** Merge a document's update log into a snapshot after this many updates (default 200). */
  compactEvery?: number;
  /** Unload a document this long after its last client left, in ms (default 30 000). */
  unloadGraceMs?: number;
  /** Largest WebSocket frame accepted before closing with 4413 (default 16 MiB). */
  maxMessageBytes?: number;
  /** Largest HTTP body accepted (import files), in bytes (default 64 MiB). */
  maxBodyBytes?: number;
  /** Ping interval for dead-connection detection, in ms (default 30 000). */
  pingIntervalMs?: number;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`, for the HTTP API. */
  url: string;
  /** `ws://host:port/sync`, the y-websocket `serverUrl`; rooms are document names. */
  syncUrl: string;
  port: number;
  /** The in-memory documents, for tests and the import path. */
  registry: DocRegistry;
  /** Closes every connection with 1001, compacts and unloads documents, closes the store it owns. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP + WebSocket server. Used by `firstline serve`, by the start script and by tests
 * (port 0, a temporary data directory). Resolves once the port is listening.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger();
  mkdirSync(options.dataDir, { recursive: true });
  const secret =
    typeof options.secret === 'string'
      ? new TextEncoder().encode(options.secret)
      : (options.secret ?? loadSecret(options.dataDir));
  const ownsStore = options.store === undefined;
  const store = options.store ?? createSqliteStore(join(options.dataDir, STORE_FILE));
  const registry = new DocRegistry({
    store,
    logger,
    compactEvery: options.compactEvery,
    unloadGraceMs: options.unloadGraceMs,
  });
  const maxMessageBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  // ws itself cuts frames far above the limit (1009) so a huge frame is never buffered whole;
  // frames between the two limits reach the handler, which closes with the named 4413.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes * 2 });
  const ctx: ServerContext = {
    registry,
    secret,
    logger,
    wss,
    connection: { maxMessageBytes, pingIntervalMs: options.pingIntervalMs ?? 30_000 },
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
  };

  const server: Server = createServer((req, res) => {
    handleRequest(ctx, req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => handleUpgrade(ctx, req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostInUrl}:${port}`;
  const unlock = ownsStore ? writeServerLock(options.dataDir, url) : () => undefined;
  logger.info({ url, dataDir: options.dataDir }, 'firstline server listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    syncUrl: `ws://${hostInUrl}:${port}${SYNC_PATH.slice(0, -1)}`,
    port,
    registry,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const clientsGone = [...wss.clients].map(
          (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
        );
        await registry.closeAll(CloseCode.shutdown, 'server shutting down');
        // Give clients a moment to answer the close frame, so they see 1001 rather than a reset.
        await Promise.race([Promise.all(clientsGone), delay(1000, undefined, { ref: false })]);
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await stopped;
        wss.close();
        if (ownsStore) await store.close();
        unlock();
        logger.info({ url }, 'firstline server stopped');
      })();
      return closing;
    },
  };
}
