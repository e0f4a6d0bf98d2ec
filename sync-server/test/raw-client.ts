import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/protocol/messages.ts';
import { decodeSaved, encodeSaveRequest, type SavedAck } from '../src/protocol/save-messages.ts';

/** A bare WebSocket speaking just enough of the protocol for tests that count frames and acks. */
export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  /** Resolves with the first frame from the server (its sync step 1: the connection is admitted). */
  admitted: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  acks: SavedAck[];
  /** Sends one Yjs update as a sync update frame. */
  sendUpdate(update: Uint8Array): void;
  /** Asks for an acknowledgement numbered `n`. */
  requestSave(n: number): void;
  /** Resolves with the ack numbered `n` (or rejects after `timeoutMs`). */
  ackFor(n: number, timeoutMs?: number): Promise<SavedAck>;
}

/** Opens a raw client on `url` (already carrying `?token=`). */
export function rawClient(url: string): RawClient {
  const ws = new WebSocket(url);
  const acks: SavedAck[] = [];
  const waiters = new Map<number, (ack: SavedAck) => void>();
  ws.on('message', (data: Buffer) => {
    const ack = decodeSaved(new Uint8Array(data));
    if (ack === null) return;
    acks.push(ack);
    waiters.get(ack.n)?.(ack);
  });
  const admitted = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    ws,
    opened,
    admitted,
    closed,
    acks,
    sendUpdate: (update) => ws.send(encodeUpdate(update)),
    requestSave: (n) => ws.send(encodeSaveRequest(n)),
    ackFor(n, timeoutMs = 5000) {
      const known = acks.find((a) => a.n === n);
      if (known) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack ${n}`)), timeoutMs);
        waiters.set(n, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
    },
  };
}

/** An update that sets `key` in map `m` of a fresh client. */
export function mapUpdate(key: string, value: unknown, doc: Y.Doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}
