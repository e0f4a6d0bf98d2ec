import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Firstline's own top-level message type, beside y-websocket's 0-3 (sync, awareness, auth, query
 * awareness). The protocol has no acknowledgement, so a client cannot know whether an edit it sent
 * is stored; this message closes that gap. The number is far from the standard ones and from the
 * few that other servers add, so no stock client misreads it.
 *
 * A client asks (`request`, with a number it picks, increasing) after sending edits; the server
 * answers `saved` with the same number once everything the connection sent before the request is
 * committed. WebSocket frames arrive in order and the server commits in arrival order, so the
 * answer covers every earlier update of that connection. The server never speaks first: a stock
 * client that does not ask never receives a message it cannot read.
 *
 * Wire format (lib0 varuints, varstring):
 * - client -> server: `[100, 0, n]`
 * - server -> client: `[100, 1, n, epoch, flags]`; flags bit 0 = some updates of this connection
 *   were refused (read-only), so they are not stored.
 */
export const SAVE_MESSAGE_TYPE = 100;

/** Sub-types of the save message. */
export const SaveSubtype = { request: 0, saved: 1 } as const;

/** Flag bit: the connection sent updates the server refused (it may only read). */
export const SAVED_FLAG_REFUSED = 1;

/** What a `saved` answer says. */
export interface SavedAck {
  /** The number of the request it answers. */
  n: number;
  /** The document's epoch; a client that holds another epoch holds a stale copy. */
  epoch: string;
  /** True when some updates of this connection were refused and are therefore not stored. */
  refused: boolean;
}

/** A client's "tell me when my edits so far are stored". */
export function encodeSaveRequest(n: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVE_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, SaveSubtype.request);
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

/** The server's answer, sent after the commit of everything before the request. */
export function encodeSaved(ack: SavedAck): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVE_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, SaveSubtype.saved);
  encoding.writeVarUint(encoder, ack.n);
  encoding.writeVarString(encoder, ack.epoch);
  encoding.writeVarUint(encoder, ack.refused ? SAVED_FLAG_REFUSED : 0);
  return encoding.toUint8Array(encoder);
}

/** Reads a `saved` answer; null when the bytes are something else. */
export function decodeSaved(bytes: Uint8Array): SavedAck | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== SAVE_MESSAGE_TYPE) return null;
    if (decoding.readVarUint(decoder) !== SaveSubtype.saved) return null;
    const n = decoding.readVarUint(decoder);
    const epoch = decoding.readVarString(decoder);
    const flags = decoding.readVarUint(decoder);
    return { n, epoch, refused: (flags & SAVED_FLAG_REFUSED) !== 0 };
  } catch {
    return null;
  }
}
