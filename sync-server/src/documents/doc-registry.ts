import type { Logger } from 'pino';
import { readDirectory } from '@firstline/core/docs/directory';
import * as Y from 'yjs';
import { CloseCode } from '../protocol/close-codes.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { SharedDoc } from './shared-doc.ts';

/** How the registry keeps documents in memory. */
export interface DocRegistryOptions {
  store: DocStore;
  logger: Logger;
  /** Merge a document's update log into a snapshot after this many updates (default 200). */
  compactEvery?: number;
  /** How long a document with no users stays loaded, in ms (default 30 s). */
  unloadGraceMs?: number;
}

interface Entry {
  loading: Promise<SharedDoc>;
  shared: SharedDoc | null;
  refs: number;
  timer: NodeJS.Timeout | null;
}

/**
 * The documents currently in memory, loaded once however many clients ask at the same time.
 * `acquire` resolves only when the stored state is fully applied, which is what lets the server
 * hold a WebSocket upgrade until the document is ready: a slow store delays the client, it never
 * hands it an empty document. Documents nobody holds are compacted and unloaded after a grace
 * period, so a quick reconnect does not reload from disk.
 */
export class DocRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly unloading = new Set<Promise<void>>();
  private readonly recheckPending = new Set<string>();
  /** Post-commit work held back while a store batch is open; null outside a batch. */
  private deferred: { shared: SharedDoc; run: () => void }[] | null = null;
  private readonly compactEvery: number;
  private readonly unloadGraceMs: number;

  constructor(private readonly options: DocRegistryOptions) {
    this.compactEvery = options.compactEvery ?? 200;
    this.unloadGraceMs = options.unloadGraceMs ?? 30_000;
  }

  /** The store behind the registry, for read-only views of documents that are not loaded. */
  get store(): DocStore {
    return this.options.store;
  }

  /** Loads (or reuses) a document and holds it until `release`. Rejects if the store fails. */
  async acquire(name: string): Promise<SharedDoc> {
    let entry = this.entries.get(name);
    if (entry === undefined) {
      const created: Entry = { loading: this.load(name), shared: null, refs: 0, timer: null };
      this.entries.set(name, created);
      created.loading.then(
        (shared) => {
          created.shared = shared;
        },
        () => {
          if (this.entries.get(name) === created) this.entries.delete(name);
        },
      );
      entry = created;
    }
    entry.refs += 1;
    if (entry.timer !== null) {
      clearTimeout(entry.timer);
      entry.timer = null;
    }
    try {
      return await entry.loading;
    } catch (error) {
      entry.refs -= 1;
      throw error;
    }
  }

  /**
   * Gives back a document from `acquire`; the last release starts the unload grace period, or
   * unloads at once with `unloadNow` (bulk work such as an import, which touches each document once).
   */
  release(shared: SharedDoc, options: { unloadNow?: boolean } = {}): void {
    const entry = this.entries.get(shared.name);
    if (entry === undefined || entry.shared !== shared) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    if (options.unloadNow) {
      void this.unload(shared.name);
      return;
    }
    entry.timer = setTimeout(() => this.unload(shared.name), this.unloadGraceMs);
    entry.timer.unref();
  }

  /** The loaded document of that name, if any; never loads. */
  peek(name: string): SharedDoc | undefined {
    return this.entries.get(name)?.shared ?? undefined;
  }

  /** Names of the documents in memory, for logs and tests. */
  loadedNames(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * A read-only copy of a document: the live state when it is loaded, otherwise the stored state.
   * Both are current, because an update is committed before anyone sees it. Used by the HR API to
   * read hundreds of records without loading them all as live documents.
   */
  async snapshot(name: string): Promise<Y.Doc> {
    const live = this.peek(name);
    const doc = new Y.Doc({ guid: name });
    if (live !== undefined) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
      return doc;
    }
    const stored = await this.options.store.load(name);
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return doc;
  }

  /**
   * Runs `fn` (which edits loaded documents) as one store batch when the store supports it: all
   * its updates commit together, and only then are they relayed. If the batch fails, the
   * documents it touched are evicted, since their memory state is ahead of the store.
   */
  batch<T>(fn: () => T): T {
    const store = this.options.store;
    if (store.batch === undefined || this.deferred !== null) return fn();
    const deferred: { shared: SharedDoc; run: () => void }[] = [];
    this.deferred = deferred;
    let result: T;
    try {
      result = store.batch(fn);
    } catch (error) {
      this.deferred = null;
      for (const name of new Set(deferred.map((d) => d.shared.name))) this.evict(name);
      throw error;
    }
    this.deferred = null;
    for (const d of deferred) d.run();
    return result;
  }

  /** Compacts and unloads every document after closing its peers; used at shutdown. */
  async closeAll(
    code: number = CloseCode.shutdown,
    reason = 'server shutting down',
  ): Promise<void> {
    const names = [...this.entries.keys()];
    await Promise.all(
      names.map(async (name) => {
        const entry = this.entries.get(name);
        if (entry === undefined) return;
        if (entry.timer !== null) clearTimeout(entry.timer);
        const shared = await entry.loading.catch(() => null);
        if (shared === null) return;
        for (const peer of [...shared.peers.keys()]) peer.close(code, reason);
        entry.refs = 0;
        await this.unload(name);
      }),
    );
    await Promise.all([...this.unloading]);
  }

  private async load(name: string): Promise<SharedDoc> {
    const started = Date.now();
    const stored = await this.options.store.load(name);
    const shared = new SharedDoc(name, this.options.store, stored, {
      compactEvery: this.compactEvery,
      logger: this.options.logger,
      onBroken: () => this.evict(name),
      onCommitted: (shared) => this.directoryChanged(shared),
      afterCommit: (shared, run) => {
        if (this.deferred === null) run();
        else this.deferred.push({ shared, run });
      },
    });
    this.options.logger.debug(
      { doc: name, updates: stored.updates.length, ms: Date.now() - started },
      'document loaded',
    );
    return shared;
  }

  /**
   * After a directory changes, every open connection of that organisation has its access decided
   * again (once per burst of updates): a manager moved out of a chain loses the record documents
   * of their former reports at once, rather than at their next reconnect.
   */
  private directoryChanged(shared: SharedDoc): void {
    const match = /^org\/([^/]+)\/directory$/.exec(shared.name);
    if (match === null || this.recheckPending.has(shared.name)) return;
    this.recheckPending.add(shared.name);
    setImmediate(() => {
      this.recheckPending.delete(shared.name);
      if (shared.isBroken || this.entries.get(shared.name)?.shared !== shared) return;
      const directory = shared.view('directory', readDirectory);
      const prefix = `org/${match[1]}/`;
      for (const entry of this.entries.values()) {
        if (entry.shared === null || !entry.shared.name.startsWith(prefix)) continue;
        for (const peer of [...entry.shared.peers.keys()]) peer.recheck?.(directory);
      }
    });
  }

  private unload(name: string): Promise<void> {
    const entry = this.entries.get(name);
    const shared = entry?.shared;
    if (entry === undefined || shared == null || entry.refs > 0) return Promise.resolve();
    this.entries.delete(name);
    const done = shared
      .compact()
      .catch((error: unknown) => {
        this.options.logger.error({ doc: name, err: error }, 'compaction on unload failed');
      })
      .finally(() => {
        shared.destroy();
        this.unloading.delete(done);
        this.options.logger.debug({ doc: name }, 'document unloaded');
      });
    this.unloading.add(done);
    return done;
  }

  /** Drops a document whose update could not be committed; its clients reconnect and resync. */
  private evict(name: string): void {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    this.entries.delete(name);
    if (entry.timer !== null) clearTimeout(entry.timer);
    const shared = entry.shared;
    if (shared === null) return;
    // Called from inside the document's update handler: finish that transaction before destroying.
    queueMicrotask(() => {
      for (const peer of [...shared.peers.keys()])
        peer.close(CloseCode.internalError, 'commit failed');
      shared.destroy();
    });
  }
}
