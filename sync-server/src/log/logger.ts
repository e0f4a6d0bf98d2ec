import { pino, type Logger } from 'pino';

/** Log levels pino understands, plus `silent` for tests. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The server's structured logger: JSON lines on stdout (or the given stream), level from
 * `FIRSTLINE_LOG_LEVEL` (default `info`). Created once by the entry point and passed down, so
 * library code never picks its own output.
 */
export function createLogger(
  env: NodeJS.ProcessEnv = process.env,
  destination?: NodeJS.WritableStream,
): Logger {
  const wanted = env.FIRSTLINE_LOG_LEVEL ?? 'info';
  const level = (LOG_LEVELS as readonly string[]).includes(wanted) ? wanted : 'info';
  const options = { level, base: { service: 'firstline' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** A logger that writes nothing, for tests and embedded use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
