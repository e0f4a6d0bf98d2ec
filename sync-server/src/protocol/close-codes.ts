/**
 * WebSocket close codes the server uses to refuse or end a connection. Named so that the server,
 * the extension and the tests agree on them; the 44xx codes mirror the HTTP status of the same
 * meaning. The server completes the upgrade before closing, because a browser never sees the
 * status of a refused upgrade, only a close event with its code and reason.
 */
export const CloseCode = {
  /** The document name does not parse (see `parseDocName` in core). */
  badDocName: 4400,
  /** The token is missing, malformed, wrongly signed or expired. */
  badToken: 4401,
  /** The token is fine but the permission function denied this document. */
  forbidden: 4403,
  /** A frame is bigger than the server accepts. */
  tooLarge: 4413,
  /** Reserved for rate limiting; not sent yet. */
  rateLimited: 4429,
  /** A frame does not follow the y-websocket protocol (standard code for invalid payload data). */
  invalidMessage: 1007,
  /** The server is shutting down; clients should reconnect later. */
  shutdown: 1001,
  /** The server could not commit an update; clients should reconnect and resync. */
  internalError: 1011,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
