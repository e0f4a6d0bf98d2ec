import type { VerifiedToken } from '../auth/tokens.ts';

/** One accepted socket, as the server-wide checks see it. */
export interface LiveConnection {
  token: VerifiedToken;
  docName: string;
  ip: string;
  close(code: number, reason: string): void;
}

/**
 * Every accepted socket of the server, whatever its document. Server-wide decisions that concern
 * open connections (a revoked token, the connection gauge) walk this set; a document's own peers
 * stay in its `SharedDoc`.
 */
export class LiveConnections {
  private readonly all = new Set<LiveConnection>();

  /** Registers a socket; the returned function forgets it (call it when the socket closes). */
  add(connection: LiveConnection): () => void {
    this.all.add(connection);
    return () => this.all.delete(connection);
  }

  get size(): number {
    return this.all.size;
  }

  /** Closes every connection whose token `refuses` now; returns how many were closed. */
  closeWhere(refuses: (token: VerifiedToken) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const c of [...this.all]) {
      if (!refuses(c.token)) continue;
      c.close(code, reason);
      closed += 1;
    }
    return closed;
  }
}
