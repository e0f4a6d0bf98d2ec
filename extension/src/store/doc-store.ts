import { DexieYProvider } from 'y-dexie';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  attachSync,
  type EpochMemory,
  type SyncConfig,
  type SyncHandle,
} from '../sync/attach-sync.ts';
import { CLOSE_CODES } from '../sync/close-codes.ts';
import { LOCAL_ONLY, type ConnectionState } from '../sync/connection-state.ts';
import { DOC_PROP, DOCS_TABLE, type DocDb } from './doc-db.ts';

/** One opened document: persisted in IndexedDB, synced when a server is configured. */
export interface OpenedDoc {
  name: string;
  /**
   * The document. It is replaced (once per restore) when the server refuses the local copy with
   * 4409: read it again after `onConnection` reports instead of keeping it across renders.
   */
  readonly doc: Y.Doc;
  /** Resolves once IndexedDB's state is in `doc`; rejects if the database cannot be read. */
  readonly whenLoaded: Promise<void>;
  /** The link to the server; `offline` for good when there is no server configured. */
  connection(): ConnectionState;
  /** Calls `listener` on every state change, and after `doc` was replaced by a fresh copy. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** The presence channel of the document's socket; null before the load or without a server. */
  awareness(): Awareness | null;
  /** Releases this handle; the doc is closed when the last handle on the same name is released. */
  destroy(): void;
}

/** A local copy that was set aside because the server's document was restored (see doc-db.ts). */
export interface SetAside {
  name: string;
  /** The row id in `asideDocs`. */
  id: number;
  serverEpoch: string;
}

/** Opens documents by name against one database and one (optional) server. */
export interface DocStore {
  openDoc(name: string): OpenedDoc;
  /** The copies this store set aside so far, oldest first. */
  setAside(): readonly SetAside[];
  /** Calls `listener` each time a local copy is set aside; returns the unsubscribe function. */
  onSetAside(listener: (aside: SetAside) => void): () => void;
  /** Releases every document still open (the panel is closing or the settings changed). */
  close(): void;
}

interface Entry {
  doc: Y.Doc;
  refs: number;
  whenLoaded: Promise<void>;
  sync: SyncHandle | null;
  closed: boolean;
  /**
   * Set from a 4409 until the fresh copy is attached (`connecting`), or for good when setting the
   * copy aside failed (`denied` 4409: nothing was deleted, the next session tries again).
   */
  override: ConnectionState | null;
  listeners: Set<(state: ConnectionState) => void>;
}

/**
 * Creates the store the panel and the HR page open documents through. Documents are reference
 * counted by name so a team list and a detail view showing the same record share one Y.Doc and
 * one socket. The socket is opened only after IndexedDB has loaded, so the first sync round
 * sends the local state vector and edits made offline reach the server.
 *
 * Each copy's server epoch is kept on its `docs` row and named on connect. When the server says
 * the document was restored (4409), the copy is set aside whole in `asideDocs`, the document is
 * emptied locally and opened again against the server, so the stale copy is never merged back.
 */
export function createDocStore(db: DocDb, sync: SyncConfig | null): DocStore {
  const entries = new Map<string, Entry>();
  const asides: SetAside[] = [];
  const asideListeners = new Set<(aside: SetAside) => void>();
  /** Epochs read from the `docs` rows before attaching, and those learnt since. */
  const epochCache = new Map<string, string>();

  const epochs: EpochMemory = {
    get: (name) => epochCache.get(name) ?? null,
    set(name, epoch) {
      epochCache.set(name, epoch);
      // A failed write only means the next session connects without an epoch (and merges, as
      // before epochs existed); the in-memory value still protects this session.
      void db.docs.update(name, { epoch }).catch(() => undefined);
    },
  };

  const stateOf = (entry: Entry): ConnectionState =>
    entry.override ?? entry.sync?.state() ?? (sync ? { status: 'connecting' } : LOCAL_ONLY);

  const emit = (entry: Entry): void => {
    const state = stateOf(entry);
    for (const l of [...entry.listeners]) l(state);
  };

  const attach = (name: string, entry: Entry): void => {
    if (!sync || entry.closed) return;
    const handle = attachSync(entry.doc, name, {
      ...sync,
      epochs,
      onEpochChanged: (_name, serverEpoch) => {
        if (entry.sync === handle) void reset(name, entry, serverEpoch);
      },
    });
    entry.sync = handle;
    handle.subscribe((state) => {
      // A 4409 is not shown as "denied": the fresh copy replaces the refused one at once.
      const epochClose =
        state.code === CLOSE_CODES.epochChanged && /^epoch:./.test(state.reason ?? '');
      if (entry.sync === handle && entry.override === null && !epochClose) emit(entry);
    });
  };

  /** Writes the anchor row (keeping its epoch), loads the doc from IndexedDB, then attaches. */
  const load = async (name: string, entry: Entry): Promise<void> => {
    // y-dexie destroys a loaded doc whose anchor row is missing, so write the row first.
    const row = await db.transaction('rw', db.docs, async () => {
      const stored = await db.docs.get(name);
      const epoch = stored?.epoch;
      await db.docs.put({ name, openedAt: Date.now(), ...(epoch ? { epoch } : {}) } as never);
      return stored;
    });
    if (row?.epoch) epochCache.set(name, row.epoch);
    await DexieYProvider.load(entry.doc).whenLoaded;
  };

  /**
   * Sets the refused copy aside and opens the document afresh. The copy is taken from memory
   * (it holds everything IndexedDB holds, plus edits still being written) before the doc is
   * destroyed, which stops y-dexie from writing it and drops it from y-dexie's cache; the
   * anchor row is kept (with the new epoch) so the fresh doc can load right away.
   */
  const reset = async (name: string, entry: Entry, serverEpoch: string): Promise<void> => {
    if (entry.closed || entry.override !== null) return;
    entry.override = { status: 'connecting' };
    const stale = entry.doc;
    const update = Y.encodeStateAsUpdate(stale);
    const staleEpoch = epochs.get(name);
    entry.sync?.destroy();
    entry.sync = null;
    stale.destroy();
    epochCache.set(name, serverEpoch);
    const done = (async () => {
      const updates = db.table(`$${DOCS_TABLE}.${DOC_PROP}_updates`);
      const id = await db.transaction('rw', [db.docs, db.asideDocs, updates], async () => {
        const row = await db.docs.get(name);
        // Another context (the background worker, a second panel) may have reset it already:
        // what is stored then is the fresh copy, to keep; this context's copy is still set aside.
        if (row?.epoch !== serverEpoch) await updates.where('k').equals(name).delete();
        await db.docs.put({ name, openedAt: Date.now(), epoch: serverEpoch } as never);
        return db.asideDocs.add({
          name,
          epoch: staleEpoch,
          serverEpoch,
          savedAt: Date.now(),
          update,
        });
      });
      const aside: SetAside = { name, id: id as number, serverEpoch };
      asides.push(aside);
      for (const l of asideListeners) l(aside);
      entry.doc = DexieYProvider.getOrCreateDocument(db, DOCS_TABLE, DOC_PROP, name);
      await DexieYProvider.load(entry.doc).whenLoaded;
      // A release during the reset happens after `done`, on the fresh doc (see `release`).
      if (entry.closed) return;
      entry.override = null;
      attach(name, entry);
      emit(entry);
    })();
    entry.whenLoaded = done;
    emit(entry);
    try {
      await done;
    } catch {
      entry.override = {
        status: 'denied',
        code: CLOSE_CODES.epochChanged,
        reason: `epoch:${serverEpoch}`,
      };
      emit(entry);
    }
  };

  const release = (name: string, entry: Entry): void => {
    entry.refs -= 1;
    if (entry.refs > 0 || entry.closed) return;
    entry.closed = true;
    entries.delete(name);
    entry.sync?.destroy();
    entry.listeners.clear();
    // Release only after the load finished: releasing mid-load would destroy the doc under it.
    void entry.whenLoaded.finally(() => DexieYProvider.release(entry.doc)).catch(() => undefined);
  };

  const open = (name: string): Entry => {
    const existing = entries.get(name);
    if (existing) {
      existing.refs += 1;
      return existing;
    }
    const doc = DexieYProvider.getOrCreateDocument(db, DOCS_TABLE, DOC_PROP, name);
    const entry: Entry = {
      doc,
      refs: 1,
      whenLoaded: Promise.resolve(),
      sync: null,
      closed: false,
      override: null,
      listeners: new Set(),
    };
    // y-dexie caches Y.Docs per database, so another store (the one being replaced after a token
    // change) may still hold this doc and be about to release it. Its provider then exists and
    // its anchor row too: take a reference now, before that release can destroy the doc.
    const live = DexieYProvider.for(doc);
    const held = live && !live.destroyed ? DexieYProvider.load(doc) : null;
    entry.whenLoaded = (async () => {
      if (held) {
        await held.whenLoaded;
        const row = await db.docs.get(name);
        if (row?.epoch) epochCache.set(name, row.epoch);
      } else await load(name, entry);
      attach(name, entry);
    })();
    entries.set(name, entry);
    return entry;
  };

  return {
    openDoc(name) {
      const entry = open(name);
      const unsubscribers = new Set<() => void>();
      let released = false;
      const connection = (): ConnectionState => stateOf(entry);
      return {
        name,
        get doc() {
          return entry.doc;
        },
        get whenLoaded() {
          return entry.whenLoaded;
        },
        connection,
        awareness: () => entry.sync?.awareness ?? null,
        onConnection(listener) {
          // The socket exists only after the load, so report the first state once it is there.
          let active = true;
          const own = (state: ConnectionState): void => listener(state);
          const stop = (): void => {
            active = false;
            entry.listeners.delete(own);
            unsubscribers.delete(stop);
          };
          unsubscribers.add(stop);
          entry.listeners.add(own);
          void entry.whenLoaded.then(
            () => {
              if (active && entry.sync) listener(stateOf(entry));
            },
            () => undefined,
          );
          return stop;
        },
        destroy() {
          if (released) return;
          released = true;
          for (const stop of [...unsubscribers]) stop();
          release(name, entry);
        },
      };
    },
    setAside: () => asides,
    onSetAside(listener) {
      asideListeners.add(listener);
      return () => asideListeners.delete(listener);
    },
    close() {
      for (const [name, entry] of [...entries]) {
        entry.refs = 1;
        release(name, entry);
      }
    },
  };
}
