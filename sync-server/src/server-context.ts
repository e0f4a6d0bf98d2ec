import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { Result } from '@firstline/core/model/result';
import type { RevocationList } from './auth/revocation-list.ts';
import type { TokenFailure, VerifiedToken } from './auth/tokens.ts';
import type { DocRegistry } from './documents/doc-registry.ts';
import type { Limits } from './limits/limits.ts';
import type { ServerMetrics } from './metrics/server-metrics.ts';
import type { LiveConnections } from './sync/live-connections.ts';
import type { ConnectionOptions } from './sync/connection.ts';

/** What request handlers share: the documents, the signing secret, the logger and the limits. */
export interface ServerContext {
  registry: DocRegistry;
  secret: Uint8Array;
  logger: Logger;
  wss: WebSocketServer;
  connection: ConnectionOptions;
  /** Largest HTTP request body accepted (an import file), in bytes. */
  maxBodyBytes: number;
  /** Verifies a token and checks it against the revocation list; may be slow (async). */
  verify: TokenVerifier;
  limits: Limits;
  /** Every accepted sync connection, for revocation and metrics. */
  live: LiveConnections;
  revocations: RevocationList;
  metrics: ServerMetrics;
  /** Bearer token that may read `/metrics` from anywhere; null: loopback only. */
  metricsToken: string | null;
  /** `closing` turns true at shutdown: `/readyz` answers 503 and new connections get 1001. */
  lifecycle: { closing: boolean };
}

/**
 * Checks a token and says whom it speaks for. The default verifies Firstline's own HS256 JWTs;
 * a deployment may plug in another (an identity provider's introspection endpoint, say), which
 * may take its time: connections wait for it with their frames held unapplied.
 */
export type TokenVerifier = (token: string | null) => Promise<Result<VerifiedToken, TokenFailure>>;
