import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Firstline's save acknowledgement on the wire, beside y-websocket's message types 0-3. The
 * server's copy is sync-server/src/protocol/save-messages.ts (the extension may import only core),
 * so the two are kept equal by hand, like the close codes:
 * - client -> server `[100, 0, n]`: "tell me when everything I sent before this is stored";
 * - server -> client `[100, 1, n, epoch, flags]`: it is; flags bit 0 = some updates were refused.
 */
export const SAVE_MESSAGE_TYPE = 100;

const REQUEST = 0;
const SAVED = 1;
const FLAG_REFUSED = 1;

/** The server's answer to a save request. */
export interface SavedAck {
  n: number;
  epoch: string;
  refused: boolean;
}

/** Encodes a save request numbered `n`. */
export function encodeSaveRequest(n: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVE_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, REQUEST);
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the rest of a save message once y-websocket's dispatcher has read the type; null for a
 * sub-type this client does not know (a newer server), which is then ignored.
 */
export function readSaved(decoder: decoding.Decoder): SavedAck | null {
  if (decoding.readVarUint(decoder) !== SAVED) return null;
  const n = decoding.readVarUint(decoder);
  const epoch = decoding.readVarString(decoder);
  const flags = decoding.readVarUint(decoder);
  return { n, epoch, refused: (flags & FLAG_REFUSED) !== 0 };
}

/** Encodes an answer as the server does; for tests that stand in for the server. */
export function encodeSavedForTest(ack: SavedAck): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVE_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, SAVED);
  encoding.writeVarUint(encoder, ack.n);
  encoding.writeVarString(encoder, ack.epoch);
  encoding.writeVarUint(encoder, ack.refused ? FLAG_REFUSED : 0);
  return encoding.toUint8Array(encoder);
}
