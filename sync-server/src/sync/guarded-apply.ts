import * as Y from 'yjs';

/** What became of a client's update. */
export type ApplyOutcome = 'applied' | 'incomplete' | 'malformed';

/** The parts of Yjs's struct store this guard touches; not in Yjs's public types. */
interface PendingStore {
  pendingStructs: unknown;
  pendingDs: unknown;
}

/**
 * Applies a client's update to a live document without letting it poison the document for others.
 * Yjs keeps structs whose dependencies are missing as "pending" and re-reads them on every later
 * update; a bogus pending struct (a flipped bit that still decodes) then makes an innocent client's
 * update throw, and it is also written into every full-state encoding new clients receive. So the
 * live document never keeps anything pending: an update that cannot be integrated completely now
 * is cut back to what did integrate (that part is committed as usual), and the caller tells the
 * client its edits are not all stored. An update that does not decode completely is refused before
 * it touches the document: Yjs integrates while it reads, so a half-read update would leave the
 * document in a state no client can load (seen with bit-flipped frames in the adversarial tests). A legitimate client in that situation (it holds content
 * from another tab that the server has not received yet) sends the rest again on its next sync.
 */
export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): ApplyOutcome {
  const store = doc.store as unknown as PendingStore;
  // Yjs integrates structs while it reads them: an update that breaks off halfway leaves the first
  // half in the document, in a state later encodings cannot read back. Decode it whole first.
  try {
    Y.decodeUpdate(update);
  } catch {
    return 'malformed';
  }
  try {
    Y.applyUpdate(doc, update, origin);
  } catch {
    store.pendingStructs = null;
    store.pendingDs = null;
    return 'malformed';
  }
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    store.pendingStructs = null;
    store.pendingDs = null;
    return 'incomplete';
  }
  return 'applied';
}
