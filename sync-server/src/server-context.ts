import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { DocRegistry } from './documents/doc-registry.ts';
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
}
