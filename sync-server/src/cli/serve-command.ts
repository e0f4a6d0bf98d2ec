import { resolve } from 'node:path';
import { createLogger } from '../log/logger.ts';
import { startScaleOutServer } from '../scale-out/start-scale-out.ts';
import { startServer, type RunningServer } from '../server.ts';
import { ExitCode, type CliIo } from './cli-io.ts';

/** Flags of `firstline serve`. */
export interface ServeFlags {
  host: string;
  port: string;
  data: string;
  /** Scale-out: the shared PostgreSQL store; default `FIRSTLINE_STORE_URL`. */
  store?: string;
  /** Scale-out: the Redis the instances follow; default `FIRSTLINE_REDIS_URL`. */
  redis?: string;
  /** Behind a reverse proxy: take the client address from `X-Forwarded-For` for the rate limits. */
  trustProxy?: boolean;
}

/**
 * Runs the server until SIGINT/SIGTERM, then closes it cleanly (clients see 1001). With a
 * `postgres://` store and a Redis it runs as one instance of a scale-out deployment (schema and key
 * prefix from `FIRSTLINE_STORE_SCHEMA` and `FIRSTLINE_REDIS_PREFIX`); otherwise on SQLite.
 */
export async function serveCommand(flags: ServeFlags, io?: CliIo): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return ExitCode.usage;
  const storeUrl = flags.store ?? nonEmpty(process.env.FIRSTLINE_STORE_URL);
  const redisUrl = flags.redis ?? nonEmpty(process.env.FIRSTLINE_REDIS_URL);
  if ((storeUrl === undefined) !== (redisUrl === undefined)) {
    io?.err('scale-out needs both --store postgres://... and --redis redis://...\n');
    return ExitCode.usage;
  }
  if (storeUrl !== undefined && !/^postgres(ql)?:\/\//.test(storeUrl)) {
    io?.err('--store must be a postgres:// URL (SQLite is the default without --store)\n');
    return ExitCode.usage;
  }
  const logger = createLogger();
  const common = {
    host: flags.host,
    port,
    dataDir: resolve(flags.data),
    logger,
    processMetrics: true,
    limits: { trustProxy: flags.trustProxy === true },
  };
  const server: RunningServer =
    storeUrl !== undefined && redisUrl !== undefined
      ? await startScaleOutServer({
          ...common,
          storeUrl,
          redisUrl,
          schema: nonEmpty(process.env.FIRSTLINE_STORE_SCHEMA),
          redisPrefix: nonEmpty(process.env.FIRSTLINE_REDIS_PREFIX),
        })
      : await startServer(common);
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'stopping');
      server.close().then(done, (error: unknown) => {
        logger.error({ err: error }, 'close failed');
        done();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return ExitCode.ok;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
