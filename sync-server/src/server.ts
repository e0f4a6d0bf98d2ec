import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { fail } from '@firstline/core/model/result';
import { RevocationList } from './auth/revocation-list.ts';
import { loadSecret } from './auth/secret.ts';
import { verifyToken } from './auth/tokens.ts';
import { loadDataKeys, type DataKey } from './crypto/data-key.ts';
import { encryptedStore } from './crypto/encrypted-store.ts';
import { checkDataKeys } from './crypto/key-check.ts';
import { DataKeyError } from './crypto/sealed-blob.ts';
import { DocRegistry } from './documents/doc-registry.ts';
import { handleRequest } from './http/routes.ts';
import { sendError } from './http/respond.ts';
import { handleUpgrade, SYNC_PATH } from './http/upgrade.ts';
import { createLimits, type LimitOptions } from './limits/limits.ts';
import { createLogger } from './log/logger.ts';
import { instrumentedStore } from './metrics/instrumented-store.ts';
import { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.ts';
import { CloseCode } from './protocol/close-codes.ts';
import type { ServerContext, TokenVerifier } from './server-context.ts';
import type { DocStore } from './storage/doc-store.ts';
import { groupCommitStore } from './storage/group-commit-store.ts';
import { createSqliteStore } from './storage/sqlite-store.ts';
import { writeServerLock } from './storage/server-lock.ts';
import { LiveConnections } from './sync/live-connections.ts';

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
  /** Document size, pre-authorization caps and rate limits (see `LimitOptions` for defaults). */
  limits?: LimitOptions;
  /** False turns the rate limits off (benchmarks); the size limits stay. Default true. */
  rateLimits?: boolean;
  /** Custom token verification (may be slow); revocations are checked after it. */
  verifyToken?: TokenVerifier;
  /**
   * Keys for encryption at rest, current first; null stores plain. Default: from
   * `FIRSTLINE_DATA_KEY` / `FIRSTLINE_DATA_KEY_FILE` (see `loadDataKeys`).
   */
  dataKeys?: DataKey[] | null;
  /** Bearer token that may read `/metrics` remotely; default `FIRSTLINE_METRICS_TOKEN`. */
  metricsToken?: string | null;
  /** Add Node's process metrics (memory, CPU, event loop) to `/metrics`; `serve` does. */
  processMetrics?: boolean;
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
  /** The revocation list (the admin API and tests revoke through it). */
  revocations: RevocationList;
  /** Every accepted sync connection. */
  live: LiveConnections;
  metrics: ServerMetrics;
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
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const secret =
    typeof options.secret === 'string'
      ? new TextEncoder().encode(options.secret)
      : (options.secret ?? loadSecret(options.dataDir));
  const ownsStore = options.store === undefined;
  const keys = dataKeysFor(options);
  const keyCheck = checkDataKeys(options.dataDir, keys);
  if (!keyCheck.ok) throw new DataKeyError(keyCheck.reason, keyCheck.message);
  const live = new LiveConnections();
  // The registry is made below; the gauge reads it only when scraped.
  let loadedCount = (): number => 0;
  const metrics = createServerMetrics(
    { connections: () => live.size, docsLoaded: () => loadedCount() },
    options.processMetrics ?? false,
  );
  // Group commit: edits arriving together share one fsync, still committed before any relay.
  const baseStore =
    options.store ?? groupCommitStore(createSqliteStore(join(options.dataDir, STORE_FILE)));
  const store = instrumentedStore(
    keys === null ? baseStore : encryptedStore(baseStore, keys),
    metrics,
  );
  const registry = new DocRegistry({
    store,
    logger,
    compactEvery: options.compactEvery,
    unloadGraceMs: options.unloadGraceMs,
  });
  loadedCount = () => registry.loadedNames().length;
  const revocations = await RevocationList.open(registry);
  const verifyBase = options.verifyToken ?? ((token) => verifyToken(secret, token));
  const verify: TokenVerifier = async (token) => {
    const verified = await verifyBase(token);
    if (verified.ok && revocations.isRevoked(verified.value)) {
      return fail('token-revoked', 'token revoked');
    }
    return verified;
  };
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
    verify,
    limits: createLimits(options.limits, options.rateLimits ?? true),
    live,
    revocations,
    metrics,
    metricsToken: options.metricsToken ?? (process.env.FIRSTLINE_METRICS_TOKEN || null),
    lifecycle: { closing: false },
  };
  // A revocation closes the live sockets it concerns at once, not at their next reconnect.
  revocations.onChange(() => {
    const closed = live.closeWhere(
      (token) => revocations.isRevoked(token),
      CloseCode.badToken,
      'token-revoked',
    );
    if (closed > 0) {
      metrics.closed.inc({ reason: 'token-revoked' }, closed);
      logger.info({ closed }, 'closed connections of revoked tokens');
    }
  });

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
    revocations,
    live,
    metrics,
    close() {
      closing ??= (async () => {
        ctx.lifecycle.closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const clientsGone = [...wss.clients].map(
          (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
        );
        revocations.close();
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

/** The data keys from the options, else from the environment; a bad key is a startup error. */
function dataKeysFor(options: StartServerOptions): DataKey[] | null {
  if (options.dataKeys !== undefined) return options.dataKeys;
  const loaded = loadDataKeys();
  if (!loaded.ok) throw new Error(loaded.message, { cause: loaded.details });
  return loaded.value;
}
