/**
 * Where the CLI writes. Commands print through this rather than `console`, so tests can capture
 * output and the server's structured logger stays the only other writer.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes of `firstline`: scripts can tell a bad file from a bad command line. */
export const ExitCode = {
  ok: 0,
  /** The import ran and failed validation (nothing applied). */
  failed: 1,
  /** Bad flags or option values. */
  usage: 2,
  /** The server could not be reached, or the data directory is in use. */
  unavailable: 3,
  /** The server refused the request: the token is not valid there, or may not do this (401/403). */
  refused: 4,
} as const;
