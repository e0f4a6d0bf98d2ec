/**
 * The server's WebSocket close codes (INTERNALS.md, "Tokens, URLs and close codes"). The server
 * keeps its own copy in sync-server/src/protocol/close-codes.ts; the extension may only import
 * core, so the two lists are kept equal by hand until they move into core.
 */
export const CLOSE_CODES = {
  badDocName: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  rateLimited: 4429,
  /** The server's document was restored or reset since this copy was made (reason `epoch:X`). */
  epochChanged: 4409,
  goingAway: 1001,
} as const;

/**
 * Close codes after which reconnecting cannot help: a bad token or a refused document stays so
 * until the user changes the settings. Rate limiting is left out on purpose: backing off and
 * trying again is exactly what the server asks for.
 */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.badDocName,
  CLOSE_CODES.unauthorized,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.tooLarge,
  CLOSE_CODES.epochChanged,
]);
