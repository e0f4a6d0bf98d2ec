import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { SAVE_MESSAGE_TYPE, SaveSubtype } from './save-messages.ts';

/**
 * Top-level message types of the y-websocket protocol. The stock `y-websocket` client speaks these,
 * so the numbers must match its `messageSync`, `messageAwareness`... exports.
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sub-types of a sync message, from y-protocols. */
export const SyncType = {
  step1: syncProtocol.messageYjsSyncStep1,
  step2: syncProtocol.messageYjsSyncStep2,
  update: syncProtocol.messageYjsUpdate,
} as const;

/** The server's opening message: "here is my state vector, send me what I lack". */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Relays one committed update to the other clients of a document. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Answers a client's step 1 with everything the client lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Awareness states of the given clients (all known clients when `clients` is omitted). */
export function encodeAwareness(awareness: Awareness, clients?: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]),
  );
  return encoding.toUint8Array(encoder);
}

/** One decoded client message; `malformed` when the bytes do not follow the protocol. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array; step: 'step2' | 'update' }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' }
  | { type: 'save-request'; n: number }
  | { type: 'malformed'; detail: string };

/**
 * Decodes a client frame without applying anything, so the server can decide what a connection may
 * do (a read-only connection's updates are dropped) before any state changes.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === SyncType.step1) return { type: 'sync-step1', stateVector: payload };
        if (sub === SyncType.step2) return { type: 'sync-update', update: payload, step: 'step2' };
        if (sub === SyncType.update)
          return { type: 'sync-update', update: payload, step: 'update' };
        return { type: 'malformed', detail: `unknown sync message ${sub}` };
      }
      case MessageType.awareness:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MessageType.queryAwareness:
        return { type: 'query-awareness' };
      case MessageType.auth:
        return { type: 'auth' };
      case SAVE_MESSAGE_TYPE: {
        const sub = decoding.readVarUint(decoder);
        if (sub !== SaveSubtype.request)
          return { type: 'malformed', detail: `save message ${sub}` };
        return { type: 'save-request', n: decoding.readVarUint(decoder) };
      }
      default:
        return { type: 'malformed', detail: `unknown message type ${type}` };
    }
  } catch (error) {
    return { type: 'malformed', detail: error instanceof Error ? error.message : String(error) };
  }
}
