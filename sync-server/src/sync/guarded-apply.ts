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
 * document in a state no client can load (seen with bit-flipped frames in the adversarial tests).
 * The connection parks an incomplete update and the document tries it again as it changes (a
 * client may hold content from another tab, or another instance, that has not arrived here yet).
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
  // Pending state from another source (in scale-out, an update from another instance that
  // arrived before one it builds on) is not this client's doing: it is left for its own source.
  const hadPending = store.pendingStructs !== null || store.pendingDs !== null;
  try {
    Y.applyUpdate(doc, update, origin);
  } catch {
    store.pendingStructs = null;
    store.pendingDs = null;
    return 'malformed';
  }
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    // Yjs merges this update's missing part into the pending state it already held; clearing it
    // would drop the other source's structs too (seen in scale-out: they were never seen again).
    if (hadPending) return 'applied';
    store.pendingStructs = null;
    store.pendingDs = null;
    return 'incomplete';
  }
  return 'applied';
}

/**
 * True when applying `update` would change nothing in `doc`: every struct it carries is already
 * there and every deletion it names is already deleted. A read-only client sends such updates as
 * a matter of course (its answer to the server's sync step 1 repeats what it received), and those
 * are not refused edits; anything else from a read-only connection is. An update that does not
 * decode counts as changing something.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (known.get(struct.id.client) ?? 0)) return false;
  }
  if (decoded.ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of decoded.ds.clients) {
    const have = [...(deleted.clients.get(client) ?? [])].sort((a, b) => a.clock - b.clock);
    for (const range of ranges) {
      if (!covers(have, range.clock, range.clock + range.len)) return false;
    }
  }
  return true;
}

/** Whether sorted ranges cover [from, to) without a gap. */
function covers(
  ranges: readonly { clock: number; len: number }[],
  from: number,
  to: number,
): boolean {
  let at = from;
  for (const r of ranges) {
    if (at >= to) break;
    if (r.clock + r.len <= at) continue;
    if (r.clock > at) return false;
    at = r.clock + r.len;
  }
  return at >= to;
}
