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
  /**
   * A frame, the document an update would grow, or what a connection sent before its token was
   * verified is bigger than the server accepts (the reason says which).
   */
  tooLarge: 4413,
  /** Too many connection attempts or messages from one address or one person; retry later. */
  rateLimited: 4429,
  /**
   * The client named the epoch of its copy and the stored document has another one (it was
   * restored or reset): the reason is `epoch:{current}`. The copy must not be merged back.
   */
  epochChanged: 4409,
  /** A frame does not follow the y-websocket protocol (standard code for invalid payload data). */
  invalidMessage: 1007,
  /** The server is shutting down; clients should reconnect later. */
  shutdown: 1001,
  /** The server could not commit an update; clients should reconnect and resync. */
  internalError: 1011,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
