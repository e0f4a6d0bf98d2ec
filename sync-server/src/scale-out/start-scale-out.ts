import { createLogger } from '../log/logger.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../server.ts';
import { createPostgresStore } from '../storage/postgres-store.ts';
import { DocFanout } from './doc-fanout.ts';

/** Options of `startScaleOutServer`: the usual server options plus where the shared state lives. */
export interface ScaleOutOptions extends Omit<StartServerOptions, 'store'> {
  /** The shared store, `postgres://user@host:port/db`. */
  storeUrl: string;
  /** The Redis every instance follows, `redis://host:port`. */
  redisUrl: string;
  /** PostgreSQL schema of the tables (default `firstline`). */
  schema?: string;
  /** Prefix of Redis keys and channels (default `firstline`). */
  redisPrefix?: string;
  /** How often loaded documents are checked against the store, in ms (default 1000). */
  reconcileMs?: number;
}

/**
 * Starts one instance of a scale-out deployment: documents live in PostgreSQL and every instance
 * hears the others' committed updates through Redis (see `DocFanout`). Any number of instances may
 * serve the same documents; put them behind one load balancer. Closing it closes the server, then
 * Redis, then the store.
 */
export async function startScaleOutServer(options: ScaleOutOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const store = await createPostgresStore({ url: options.storeUrl, schema: options.schema });
  let fanout: DocFanout;
  try {
    fanout = await DocFanout.connect({
      store,
      redisUrl: options.redisUrl,
      logger,
      prefix: options.redisPrefix,
      reconcileMs: options.reconcileMs,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  let server: RunningServer;
  try {
    server = await startServer({ ...options, logger, store: fanout.store });
  } catch (error) {
    await fanout.close();
    await store.close();
    throw error;
  }
  fanout.attach(server.registry);
  logger.info({ instance: fanout.instanceId }, 'scale-out instance joined');
  let closing: Promise<void> | null = null;
  return {
    ...server,
    close() {
      closing ??= (async () => {
        await server.close();
        await fanout.close();
        await store.close();
      })();
      return closing;
    },
  };
}
