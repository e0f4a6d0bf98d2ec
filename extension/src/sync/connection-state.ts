/**
 * What the UI shows about one document's link to the server.
 * - `offline`: no server configured, or the server cannot be reached (edits stay in IndexedDB and
 *   are sent on reconnect);
 * - `connecting`: a socket is being opened or the first sync round has not finished;
 * - `synced`: connected and the server's state has been merged;
 * - `denied`: the server closed with a code that reconnecting cannot fix (bad token, no access).
 */
export type ConnectionStatus = 'offline' | 'connecting' | 'synced' | 'denied';

/** One document's connection state; `code` and `reason` are set only for `denied`. */
export interface ConnectionState {
  status: ConnectionStatus;
  code?: number;
  reason?: string;
  /**
   * "Saved to server": the server acknowledged that every local edit of this document is stored
   * (its own save message, see save-tracker.ts). Only ever true with `synced`; absent or false
   * while edits wait for their acknowledgement or against a server that does not send them.
   */
  saved?: boolean;
}

/** The state of a document that has no server to talk to. */
export const LOCAL_ONLY: ConnectionState = { status: 'offline' };

const RANK: Record<ConnectionStatus, number> = { synced: 0, offline: 1, connecting: 2, denied: 3 };

/**
 * One status for a screen that shows several documents: the worst of them, so "synced" means that
 * everything on screen is synced. A refused token (4401) is reported as is because it applies to
 * every document; a document-level refusal (4403) of a secondary document is left to its own row
 * and does not turn the whole screen into "denied".
 */
export function summarizeConnections(
  primary: ConnectionState,
  secondary: readonly ConnectionState[],
): ConnectionState {
  let worst = primary;
  let saved = primary.saved === true;
  for (const s of secondary) {
    const effective: ConnectionState =
      s.status === 'denied' && s.code !== 4401 ? { status: 'synced', saved: true } : s;
    if (RANK[effective.status] > RANK[worst.status]) worst = effective;
    saved &&= effective.saved === true;
  }
  // "Saved" for a screen means every document on it is saved, like "synced".
  if (worst.status !== 'synced') return worst;
  return { ...worst, saved };
}
