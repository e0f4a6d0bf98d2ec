/**
 * What differs between the servers on the wire, for the comparison benchmark's raw clients.
 * y-websocket and Firstline speak the y-websocket protocol on one socket per document; Hocuspocus
 * prefixes every message with the document name and waits for an auth message first.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** The servers compared. */
export type ServerKind = 'firstline' | 'y-websocket' | 'hocuspocus';

/** Signing secret of the benchmark's Firstline server. */
export const BENCH_SECRET = 'compare-bench-secret-compare-bench-secret';

/** The users the measurements connect as (each opens its own prefs document). */
export const FIXED_USERS = ['warm', 'fan', 'lat100', 'lat500', 'cold', 'durable'];
/** Idle documents are opened as users `idle0`... up to this many. */
export const MAX_IDLE_DOCS = 500;

/** An incoming message, reduced to what the benchmark counts. */
export type Incoming =
  | { kind: 'update'; payload: Uint8Array }
  | { kind: 'step2'; payload: Uint8Array }
  | { kind: 'other' };

const SYNC = 0;
const AUTH = 2;
const SYNC_REPLY = 4;

function start(kind: ServerKind, doc: string): encoding.Encoder {
  const encoder = encoding.createEncoder();
  if (kind === 'hocuspocus') encoding.writeVarString(encoder, doc);
  return encoder;
}

/** The socket URL for one document. */
export function socketUrl(kind: ServerKind, port: number, doc: string, token: string): string {
  if (kind === 'firstline') return `ws://127.0.0.1:${port}/sync/${doc}?token=${token}`;
  if (kind === 'y-websocket') return `ws://127.0.0.1:${port}/${doc}`;
  return `ws://127.0.0.1:${port}/`;
}

/** What a client sends first: Hocuspocus's auth message, then sync step 1 with an empty state. */
export function hello(kind: ServerKind, doc: string, stateVector: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (kind === 'hocuspocus') {
    const auth = start(kind, doc);
    encoding.writeVarUint(auth, AUTH);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, '');
    out.push(encoding.toUint8Array(auth));
  }
  const step1 = start(kind, doc);
  encoding.writeVarUint(step1, SYNC);
  encoding.writeVarUint(step1, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(step1, stateVector);
  out.push(encoding.toUint8Array(step1));
  return out;
}

/** One Yjs update as a sync update message. */
export function updateFrame(kind: ServerKind, doc: string, update: Uint8Array): Uint8Array {
  const encoder = start(kind, doc);
  encoding.writeVarUint(encoder, SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Classifies a server message: a relayed update, the answer to our step 1, or anything else. */
export function parseIncoming(kind: ServerKind, data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data);
  if (kind === 'hocuspocus') decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== SYNC && type !== SYNC_REPLY) return { kind: 'other' };
  const sub = decoding.readVarUint(decoder);
  if (sub === syncProtocol.messageYjsUpdate) {
    return { kind: 'update', payload: decoding.readVarUint8Array(decoder) };
  }
  if (sub === syncProtocol.messageYjsSyncStep2) {
    return { kind: 'step2', payload: decoding.readVarUint8Array(decoder) };
  }
  return { kind: 'other' };
}
