import type { Directory } from '@firstline/core/docs/directory';
import type { Logger } from 'pino';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness, encodeUpdate } from '../protocol/messages.ts';
import type { DocStore, StoredDoc } from '../storage/doc-store.ts';
import { applyClientUpdate } from '../sync/guarded-apply.ts';
import { CommittedElsewhere } from './committed-elsewhere.ts';

/** One end of a document's fan-out: a WebSocket connection, seen only through what the doc needs. */
export interface DocPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Decides the connection's access again after its organisation's directory changed (a
   * reorganisation takes effect on open connections, not only on the next connect).
   */
  recheck?(directory: Directory): void;
}

/** Tuning of one in-memory document. */
export interface SharedDocOptions {
  /** Merge the update log into a snapshot after this many updates. */
  compactEvery: number;
  logger: Logger;
  /** Called once when an update could not be committed; the owner must evict the document. */
  onBroken: (error: unknown) => void;
  /**
   * Runs what must follow a commit (relay, bookkeeping). The registry delays it while a store
   * batch is open, because inside a batch `append` returning does not yet mean "on disk".
   */
  afterCommit: (shared: SharedDoc, run: () => void) => void;
  /** Told after each committed update has been relayed (the registry watches directories). */
  onCommitted?: (shared: SharedDoc) => void;
}

/** At most this many updates wait for their dependencies per document, for at most this long. */
const PARKED_MAX = 256;
const PARKED_TTL_MS = 30_000;

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * A document held in memory while clients use it. Its update handler is the commit path: every
 * change, whether from a client, an import or the server itself, is appended to the store and only
 * then relayed to the other peers. With a synchronous store (SQLite) the relay happens in the same
 * tick; with an asynchronous one relays are queued behind their commits, in order.
 */
export class SharedDoc {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Each peer and the awareness client ids it controls (removed when it leaves). */
  readonly peers = new Map<DocPeer, Set<number>>();
  private lastSeq: number;
  /** Rows the store holds for this document (a snapshot counts as one); what compaction reduces. */
  private pieces: number;
  /** Bytes the store holds for this document; checked against the document size limit. */
  private bytes: number;
  /** The stored document's epoch (see `StoredDoc.epoch`). */
  readonly epoch: string;
  private tail: Promise<void> | null = null;
  private broken = false;
  /**
   * Client updates that could not be integrated whole because something they build on has not
   * reached this document yet (in scale-out, another instance's edit still on its way through
   * Redis). They are kept here, outside Yjs (see `applyClientUpdate`), and tried again after each
   * later change of the document until they integrate or expire.
   */
  private parked: { update: Uint8Array; owner: unknown; at: number }[] = [];
  private retryScheduled = false;
  private readonly views = new Map<string, unknown>();

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    stored: StoredDoc,
    private readonly options: SharedDocOptions,
  ) {
    // The name as guid: a random one costs 31 calls to the system's random source per document.
    this.doc = new Y.Doc({ gc: true, guid: name });
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'store');
    this.lastSeq = stored.lastSeq;
    this.pieces = stored.updates.length;
    this.bytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.epoch = stored.epoch ?? '';
    this.awareness = new Awareness(this.doc);
    // The server is not a user: it must not show up in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.commit(update, origin));
    this.awareness.on('update', this.onAwareness);
  }

  /**
   * Bytes stored or queued for storing for this document (snapshot plus log): an upper bound of
   * its encoded size, checked against the document size limit.
   */
  get storedBytes(): number {
    return this.bytes;
  }

  /** Whether an update failed to commit; a broken document accepts nothing more. */
  get isBroken(): boolean {
    return this.broken;
  }

  /**
   * A value derived from the document (a parsed directory, say), rebuilt only after the document
   * changed. Permission checks read the directory on every connection; parsing it once per change
   * instead of once per check keeps that cheap.
   */
  view<T>(key: string, build: (doc: Y.Doc) => T): T {
    if (this.views.has(key)) return this.views.get(key) as T;
    const value = build(this.doc);
    this.views.set(key, value);
    return value;
  }

  addPeer(peer: DocPeer): void {
    this.peers.set(peer, new Set());
  }

  /** Forgets a peer and the presence states it published. */
  removePeer(peer: DocPeer): void {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
    this.dropParked(peer);
    if (controlled && controlled.size > 0) {
      removeAwarenessStates(this.awareness, [...controlled], null);
    }
  }

  /** Resolves when every commit issued so far (and the relays behind them) has finished. */
  async flushed(): Promise<void> {
    while (this.tail !== null) await this.tail;
  }

  /**
   * Merges the whole log into one snapshot. A no-op when the store already holds a single piece,
   * so unloading a document that got one update (most documents an import touches) costs nothing.
   */
  async compact(): Promise<void> {
    await this.flushed();
    if (this.pieces <= 1 || this.broken) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const through = this.lastSeq;
    this.pieces = 1;
    this.bytes = snapshot.byteLength;
    await this.store.compact(this.name, snapshot, through);
    this.options.logger.debug({ doc: this.name, through, bytes: snapshot.length }, 'compacted');
  }

  /** Drops the in-memory state; the caller has compacted (or decided not to) beforehand. */
  destroy(): void {
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Keeps an update that arrived before what it builds on; see `parked`. */
  park(update: Uint8Array, owner: unknown): void {
    if (this.parked.length >= PARKED_MAX) this.parked.shift();
    this.parked.push({ update, owner, at: Date.now() });
  }

  /** Whether updates sent by `owner` are still waiting for what they build on. */
  hasParked(owner: unknown): boolean {
    return this.parked.some((p) => p.owner === owner);
  }

  /** Forgets what `owner` parked (its connection closed; its client sends it again on reconnect). */
  dropParked(owner: unknown): void {
    this.parked = this.parked.filter((p) => p.owner !== owner);
  }

  private retryParked(): void {
    this.retryScheduled = false;
    if (this.broken || this.parked.length === 0) return;
    const now = Date.now();
    const waiting = this.parked;
    this.parked = [];
    for (const p of waiting) {
      const outcome = applyClientUpdate(this.doc, p.update, p.owner);
      if (outcome === 'incomplete' && now - p.at < PARKED_TTL_MS) this.parked.push(p);
      else if (outcome === 'incomplete') {
        this.options.logger.warn({ doc: this.name }, 'parked update expired; its client resends');
      }
    }
  }

  private commit(update: Uint8Array, origin: unknown): void {
    this.views.clear();
    if (this.parked.length > 0 && !this.retryScheduled) {
      this.retryScheduled = true;
      queueMicrotask(() => this.retryParked());
    }
    if (this.broken) return;
    // Counted when queued, not when stored: the size limit must see commits still in flight.
    this.bytes += update.byteLength;
    if (origin instanceof CommittedElsewhere) {
      // Another instance stored it already: relay to our peers, never append it a second time.
      this.committed(origin.seq, update, origin);
      return;
    }
    let appended: number | Promise<number>;
    try {
      appended = this.store.append(this.name, update);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!isPromise(appended) && this.tail === null) {
      const seq = appended;
      this.options.afterCommit(this, () => this.committed(seq, update, origin));
      return;
    }
    const previous = this.tail ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(() => appended)
      .then(
        (seq) => this.committed(seq, update, origin),
        (error: unknown) => this.fail(error),
      )
      .finally(() => {
        if (this.tail === next) this.tail = null;
      });
    this.tail = next;
  }

  private committed(seq: number, update: Uint8Array, origin: unknown): void {
    if (this.broken) return;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.pieces += 1;
    const message = encodeUpdate(update);
    for (const peer of this.peers.keys()) {
      if (peer !== origin) peer.send(message);
    }
    this.options.onCommitted?.(this);
    if (this.pieces > this.options.compactEvery) {
      this.compact().catch((error: unknown) =>
        this.options.logger.error({ doc: this.name, err: error }, 'compaction failed'),
      );
    }
  }

  private fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.options.logger.error({ doc: this.name, err: error }, 'commit failed; evicting document');
    this.options.onBroken(error);
  }

  private readonly onAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    const controlled = this.peers.get(origin as DocPeer);
    if (controlled) {
      for (const id of change.added) controlled.add(id);
      for (const id of change.removed) controlled.delete(id);
    }
    if (changed.length === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    for (const peer of this.peers.keys()) peer.send(message);
  };
}
