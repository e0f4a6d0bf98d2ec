import { resolve } from 'node:path';
import { createLogger } from '../log/logger.ts';
import { startServer } from '../server.ts';
import { ExitCode } from './cli-io.ts';

/** Flags of `firstline serve`. */
export interface ServeFlags {
  host: string;
  port: string;
  data: string;
}

/** Runs the server until SIGINT/SIGTERM, then closes it cleanly (clients see 1001). */
export async function serveCommand(flags: ServeFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return ExitCode.usage;
  const logger = createLogger();
  const server = await startServer({
    host: flags.host,
    port,
    dataDir: resolve(flags.data),
    logger,
  });
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
