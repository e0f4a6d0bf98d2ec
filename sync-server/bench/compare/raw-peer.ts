/**
 * A bare benchmark client: one WebSocket, the protocol reduced to counting relayed updates and
 * waiting for sync step 2. Fifty of them fit in one process without a Y.Doc each, so the client
 * side costs little next to the server being measured.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { decodeSaved, encodeSaveRequest } from '../../src/protocol/save-messages.ts';
import { hello, parseIncoming, socketUrl, type ServerKind } from './bench-wire.ts';

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** One connected benchmark client. */
export class RawPeer {
  /** Relayed updates received so far. */
  updates = 0;
  /** Arrival time (performance.now) of each update while `recording`. */
  readonly arrivals: number[] = [];
  recording = false;
  private step2: ((payload: Uint8Array) => void)[] = [];
  private counted: { n: number; resolve: () => void }[] = [];
  private saved = new Map<number, () => void>();

  private constructor(
    readonly kind: ServerKind,
    readonly doc: string,
    readonly ws: WebSocket,
  ) {
    ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
  }

  /** Connects and resolves once the server answered our sync step 1 (the client is registered). */
  static async open(
    kind: ServerKind,
    port: number,
    doc: string,
    token: string,
    timeoutMs = 30_000,
  ): Promise<{ peer: RawPeer; state: Uint8Array }> {
    const ws = new WebSocket(socketUrl(kind, port, doc, token), { perMessageDeflate: false });
    const peer = new RawPeer(kind, doc, ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed ${code} before open`)));
    });
    const state = peer.nextStep2(timeoutMs);
    for (const frame of hello(kind, doc, EMPTY_STATE_VECTOR)) ws.send(frame);
    return { peer, state: await state };
  }

  /** Sends sync step 1 again and waits for the answer: everything sent before is processed. */
  async roundTrip(timeoutMs = 30_000): Promise<Uint8Array> {
    const state = this.nextStep2(timeoutMs);
    const frames = hello(this.kind, this.doc, EMPTY_STATE_VECTOR);
    this.ws.send(frames[frames.length - 1]!);
    return state;
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /** Resolves when `n` updates have arrived in total; false on timeout. */
  untilUpdates(n: number, timeoutMs: number): Promise<boolean> {
    if (this.updates >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.counted.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  /** Firstline only: asks for a save acknowledgement and resolves when it arrives. */
  saveAck(n: number, timeoutMs = 60_000): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.saved.set(n, () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.ws.send(encodeSaveRequest(n));
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }

  private nextStep2(timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no sync step 2 from ${this.kind}`)),
        timeoutMs,
      );
      this.step2.push((payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
  }

  private onMessage(data: Uint8Array): void {
    if (this.kind === 'firstline' && data[0] === 100) {
      const ack = decodeSaved(data);
      if (ack !== null) this.saved.get(ack.n)?.();
      return;
    }
    const message = parseIncoming(this.kind, data);
    if (message.kind === 'update') {
      this.updates += 1;
      if (this.recording) this.arrivals.push(performance.now());
      if (this.counted.length > 0) {
        this.counted = this.counted.filter((w) => {
          if (this.updates < w.n) return true;
          w.resolve();
          return false;
        });
      }
    } else if (message.kind === 'step2') {
      this.step2.shift()?.(message.payload);
    }
  }
}
