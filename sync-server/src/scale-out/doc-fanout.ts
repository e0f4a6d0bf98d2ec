import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CommittedElsewhere } from '../documents/committed-elsewhere.ts';
import type { DocRegistry } from '../documents/doc-registry.ts';
import type { SharedDoc } from '../documents/shared-doc.ts';
import type { DocStore, StoredDoc } from '../storage/doc-store.ts';
import type { SharedDocStore } from '../storage/postgres-store.ts';
import { AwarenessBridge } from './awareness-bridge.ts';
import { SeqTracker } from './seq-tracker.ts';
import { compareStreamIds, entryFields, parseEntry, type StreamEntry } from './stream-entry.ts';

/** How an instance joins the others. */
export interface DocFanoutOptions {
  /** The store every instance shares. */
  store: SharedDocStore;
  /** `redis://host:port`. */
  redisUrl: string;
  logger: Logger;
  /** Prefix of every Redis key and channel (default `firstline`); tests use one each. */
  prefix?: string;
  /** How often loaded documents are checked against the store's heads, in ms (default 1000). */
  reconcileMs?: number;
  /** How long a gap in sequence numbers may stay open before the store is read (default 500). */
  gapGraceMs?: number;
  /** Approximate length a document's stream is trimmed to (default 1000 entries). */
  streamMaxLen?: number;
}

interface Tracked {
  /** The last stream entry applied (or skipped as our own). */
  lastId: string;
  tracker: SeqTracker;
  shared: SharedDoc | null;
  /** Entries read before the registry finished making the SharedDoc. */
  pending: { seq: number; update: Uint8Array }[];
  /** A head seen in the store at the previous reconcile that we had not reached then. */
  lagHead: number | null;
  resyncing: boolean;
}

/**
 * Lets several server processes serve the same documents. Each keeps its own in-memory copies;
 * this keeps them equal through the shared store and one Redis stream per document:
 *
 * - commit: the store wrapper appends to the shared store and, once committed, adds the update
 *   to the document's stream (so nothing is announced that a crash could lose);
 * - load: the stream's tail id is read first, then the store, then the stream after that id, so
 *   an update committed while loading is either in the store read or in the stream read;
 * - follow: one blocking `XREAD` per instance over the streams of its loaded documents applies
 *   other instances' updates with a `CommittedElsewhere` origin (relayed, never stored twice);
 * - repair: the store numbers a document's updates without gaps; an instance that sees a gap,
 *   or whose loaded document lags the store's head for a whole reconcile period (a writer died
 *   between commit and announcement, or a stream was trimmed), reloads the document from the store.
 *
 * Presence goes over pub/sub (`AwarenessBridge`), best effort.
 */
export class DocFanout {
  /** The store to give `startServer`: the shared store, with announcements after each commit. */
  readonly store: DocStore;
  readonly instanceId = randomUUID();
  private registry: DocRegistry | null = null;
  private readonly docs = new Map<string, Tracked>();
  private readonly prefix: string;
  private readonly wakeKey: string;
  private wakeId = '0-0';
  private closed = false;
  private reconciling = false;
  private readonly timer: NodeJS.Timeout;
  private readonly loop: Promise<void>;
  private readonly awareness: AwarenessBridge;

  private constructor(
    private readonly options: DocFanoutOptions,
    private readonly cmd: Redis,
    private readonly blocking: Redis,
    private readonly sub: Redis,
  ) {
    this.prefix = options.prefix ?? 'firstline';
    this.wakeKey = `${this.prefix}:wake:${this.instanceId}`;
    const shared = options.store;
    this.store = {
      load: (name) => this.loadTracked(name),
      append: async (name, update) => {
        const seq = await shared.append(name, update);
        this.announce(name, seq, update);
        return seq;
      },
      compact: (name, snapshot, throughSeq) => shared.compact(name, snapshot, throughSeq),
      list: (prefix) => shared.list(prefix),
      // The owner of the shared store closes it; `DocFanout.close` closes Redis.
      close: () => undefined,
    };
    this.awareness = new AwarenessBridge(cmd, sub, `${this.prefix}:a:`, this.instanceId, (e) =>
      this.log.warn({ err: e }, 'presence relay failed'),
    );
    this.timer = setInterval(() => void this.reconcile(), options.reconcileMs ?? 1000);
    this.timer.unref();
    this.loop = this.readLoop();
  }

  /** Connects to Redis (three connections: commands, the blocking reader, pub/sub). */
  static async connect(options: DocFanoutOptions): Promise<DocFanout> {
    const make = (): Redis =>
      new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    const [cmd, blocking, sub] = [make(), make(), make()];
    for (const r of [cmd, blocking, sub]) {
      r.on('error', (error: unknown) =>
        options.logger.warn({ err: error }, 'redis connection error'),
      );
    }
    try {
      await Promise.all([cmd.connect(), blocking.connect(), sub.connect()]);
    } catch (error) {
      for (const r of [cmd, blocking, sub]) r.disconnect();
      throw error;
    }
    return new DocFanout(options, cmd, blocking, sub);
  }

  /** Gives the fanout the registry whose documents it feeds; called once the server started. */
  attach(registry: DocRegistry): void {
    this.registry = registry;
    for (const [name, state] of this.docs) this.sharedOf(name, state);
  }

  /** Stops following and closes the Redis connections; the shared store stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.blocking.disconnect();
    await this.loop;
    this.sub.disconnect();
    await this.cmd.quit().catch(() => undefined);
  }

  private get log(): Logger {
    return this.options.logger;
  }

  private streamKey(name: string): string {
    return `${this.prefix}:u:${name}`;
  }

  private announce(name: string, seq: number, update: Uint8Array): void {
    this.docs.get(name)?.tracker.see(seq, Date.now());
    const key = this.streamKey(name);
    const maxLen = String(this.options.streamMaxLen ?? 1000);
    // Not awaited: the commit is what makes the update safe; a lost announcement is repaired by
    // the gap and head checks of the other instances.
    this.cmd
      .xadd(key, 'MAXLEN', '~', maxLen, '*', ...entryFields(this.instanceId, seq, update))
      .catch((error: unknown) => this.log.warn({ err: error, doc: name }, 'announce failed'));
  }

  private async loadTracked(name: string): Promise<StoredDoc> {
    const key = this.streamKey(name);
    const tail = await this.cmd.xrevrange(key, '+', '-', 'COUNT', 1);
    const fromId = tail[0]?.[0] ?? '0-0';
    const stored = await this.options.store.load(name);
    const raw = await this.cmd.xrangeBuffer(key, `(${fromId}`, '+');
    const tracker = new SeqTracker(stored.lastSeq);
    const updates = [...stored.updates];
    let lastId = fromId;
    const now = Date.now();
    for (const [id, fields] of raw) {
      const entry = parseEntry(id, fields);
      lastId = id.toString();
      if (entry === null) continue;
      tracker.see(entry.seq, now);
      updates.push(entry.update);
    }
    if (this.docs.has(name)) this.untrack(name);
    const state: Tracked = {
      lastId,
      tracker,
      shared: null,
      pending: [],
      lagHead: null,
      resyncing: false,
    };
    this.docs.set(name, state);
    this.wake();
    // The registry makes the SharedDoc right after this resolves.
    setImmediate(() => this.sharedOf(name, state));
    return { updates, lastSeq: tracker.highest };
  }

  /** Makes the blocked `XREAD` return, so it starts following a newly loaded document. */
  private wake(): void {
    this.cmd
      .xadd(this.wakeKey, 'MAXLEN', '~', '10', '*', 'w', '1')
      .then(() => this.cmd.pexpire(this.wakeKey, 3_600_000))
      .catch((error: unknown) => this.log.warn({ err: error }, 'wake failed'));
  }

  private untrack(name: string): void {
    this.docs.delete(name);
    this.awareness.detach(name);
  }

  /** The loaded SharedDoc behind a tracked name, attaching it (and its backlog) on first sight. */
  private sharedOf(name: string, state: Tracked): SharedDoc | null {
    if (this.docs.get(name) !== state || this.registry === null) return null;
    const live = this.registry.peek(name) ?? null;
    if (live === null || live === state.shared) return live;
    state.shared = live;
    this.awareness.attach(live);
    const backlog = state.pending.splice(0);
    for (const p of backlog) this.applyRemote(live, p.seq, p.update);
    return live;
  }

  private applyRemote(shared: SharedDoc, seq: number, update: Uint8Array): void {
    if (shared.isBroken) return;
    try {
      Y.applyUpdate(shared.doc, update, new CommittedElsewhere(seq));
    } catch (error) {
      this.log.error({ err: error, doc: shared.name }, 'could not apply a remote update');
    }
  }

  private async readLoop(): Promise<void> {
    await this.cmd.del(this.wakeKey).catch(() => undefined);
    while (!this.closed) {
      const names = [...this.docs.keys()];
      const keys = [this.wakeKey, ...names.map((n) => this.streamKey(n))];
      const ids = [this.wakeId, ...names.map((n) => this.docs.get(n)!.lastId)];
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        result = await this.blocking.xreadBuffer(
          'COUNT',
          1000,
          'BLOCK',
          2000,
          'STREAMS',
          ...keys,
          ...ids,
        );
      } catch (error) {
        if (this.closed) return;
        this.log.warn({ err: error }, 'stream read failed; retrying');
        await delay(200);
        continue;
      }
      if (result === null) continue;
      for (const [keyBytes, entries] of result) {
        const key = keyBytes.toString();
        if (key === this.wakeKey) {
          const last = entries.at(-1);
          if (last !== undefined) this.wakeId = last[0].toString();
          continue;
        }
        const name = key.slice(this.streamKey('').length);
        for (const [id, fields] of entries) this.onEntry(name, id, fields);
      }
    }
  }

  private onEntry(name: string, id: Buffer, fields: Buffer[]): void {
    const state = this.docs.get(name);
    if (state === undefined) return;
    const idText = id.toString();
    // A reload may have moved past this entry while the read was in flight.
    if (compareStreamIds(idText, state.lastId) <= 0) return;
    state.lastId = idText;
    const entry: StreamEntry | null = parseEntry(idText, fields);
    if (entry === null || entry.from === this.instanceId) return;
    state.tracker.see(entry.seq, Date.now());
    const shared = this.sharedOf(name, state);
    if (shared === null) state.pending.push({ seq: entry.seq, update: entry.update });
    else this.applyRemote(shared, entry.seq, entry.update);
  }

  /** Drops unloaded documents, then repairs gaps and lag against the store's heads. */
  private async reconcile(): Promise<void> {
    if (this.reconciling || this.closed || this.registry === null) return;
    this.reconciling = true;
    try {
      const loaded = new Set(this.registry.loadedNames());
      for (const name of [...this.docs.keys()]) if (!loaded.has(name)) this.untrack(name);
      const gapMs = this.options.gapGraceMs ?? 500;
      const now = Date.now();
      const heads = await this.options.store.heads([...this.docs.keys()]);
      for (const [name, state] of this.docs) {
        const head = heads.get(name) ?? 0;
        const through = state.tracker.through;
        const lagging = state.lagHead !== null && through < state.lagHead;
        const gap = state.tracker.gapOlderThan(gapMs, now);
        if (lagging || gap) {
          this.log.info({ doc: name, through, head, lagging, gap }, 'document behind the store');
          void this.resync(name, state);
        }
        state.lagHead = head > through ? head : null;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'reconcile failed');
    } finally {
      this.reconciling = false;
    }
  }

  /** Reads the whole document from the store and applies what this instance lacks. */
  private async resync(name: string, state: Tracked): Promise<void> {
    if (state.resyncing) return;
    state.resyncing = true;
    try {
      const stored = await this.options.store.load(name);
      if (this.docs.get(name) !== state || stored.updates.length === 0) return;
      const merged = Y.mergeUpdates(stored.updates);
      const shared = this.sharedOf(name, state);
      if (shared === null) state.pending.push({ seq: stored.lastSeq, update: merged });
      else this.applyRemote(shared, stored.lastSeq, merged);
      state.tracker.caughtUp(stored.lastSeq);
      this.log.info({ doc: name, through: stored.lastSeq }, 'resynced a document from the store');
    } catch (error) {
      this.log.warn({ err: error, doc: name }, 'resync failed');
    } finally {
      state.resyncing = false;
    }
  }
}
