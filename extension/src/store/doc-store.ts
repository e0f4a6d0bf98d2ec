import { DexieYProvider } from 'y-dexie';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { attachSync, type SyncConfig, type SyncHandle } from '../sync/attach-sync.ts';
import { LOCAL_ONLY, type ConnectionState } from '../sync/connection-state.ts';
import { DOC_PROP, DOCS_TABLE, type DocDb } from './doc-db.ts';

/** One opened document: persisted in IndexedDB, synced when a server is configured. */
export interface OpenedDoc {
  name: string;
  doc: Y.Doc;
  /** Resolves once IndexedDB's state is in `doc`; rejects if the database cannot be read. */
  whenLoaded: Promise<void>;
  /** The link to the server; `offline` for good when there is no server configured. */
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** The presence channel of the document's socket; null before the load or without a server. */
  awareness(): Awareness | null;
  /** Releases this handle; the doc is closed when the last handle on the same name is released. */
  destroy(): void;
}

/** Opens documents by name against one database and one (optional) server. */
export interface DocStore {
  openDoc(name: string): OpenedDoc;
  /** Releases every document still open (the panel is closing or the settings changed). */
  close(): void;
}

interface Entry {
  doc: Y.Doc;
  refs: number;
  whenLoaded: Promise<void>;
  sync: SyncHandle | null;
  closed: boolean;
}

/**
 * Creates the store the panel and the HR page open documents through. Documents are reference
 * counted by name so a team list and a detail view showing the same record share one Y.Doc and
 * one socket. The socket is opened only after IndexedDB has loaded, so the first sync round
 * sends the local state vector and edits made offline reach the server.
 */
export function createDocStore(db: DocDb, sync: SyncConfig | null): DocStore {
  const entries = new Map<string, Entry>();

  const release = (name: string, entry: Entry): void => {
    entry.refs -= 1;
    if (entry.refs > 0 || entry.closed) return;
    entry.closed = true;
    entries.delete(name);
    entry.sync?.destroy();
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
    const entry: Entry = { doc, refs: 1, whenLoaded: Promise.resolve(), sync: null, closed: false };
    // y-dexie caches Y.Docs per database, so another store (the one being replaced after a token
    // change) may still hold this doc and be about to release it. Its provider then exists and
    // its anchor row too: take a reference now, before that release can destroy the doc.
    const live = DexieYProvider.for(doc);
    const held = live && !live.destroyed ? DexieYProvider.load(doc) : null;
    entry.whenLoaded = (async () => {
      if (held) await held.whenLoaded;
      else {
        // y-dexie destroys a loaded doc whose anchor row is missing, so write the row first.
        await db.docs.put({ name, openedAt: Date.now() } as never);
        await DexieYProvider.load(doc).whenLoaded;
      }
      if (sync && !entry.closed) entry.sync = attachSync(doc, name, sync);
    })();
    entries.set(name, entry);
    return entry;
  };

  return {
    openDoc(name) {
      const entry = open(name);
      const unsubscribers = new Set<() => void>();
      let released = false;
      const connection = (): ConnectionState =>
        entry.sync ? entry.sync.state() : sync ? { status: 'connecting' } : LOCAL_ONLY;
      return {
        name,
        doc: entry.doc,
        whenLoaded: entry.whenLoaded,
        connection,
        awareness: () => entry.sync?.awareness ?? null,
        onConnection(listener) {
          // The socket exists only after the load, so subscribe once it is there.
          let unsubscribe: (() => void) | null = null;
          let active = true;
          const stop = (): void => {
            active = false;
            unsubscribe?.();
            unsubscribers.delete(stop);
          };
          unsubscribers.add(stop);
          void entry.whenLoaded.then(
            () => {
              if (!active || !entry.sync) return;
              unsubscribe = entry.sync.subscribe(listener);
              listener(entry.sync.state());
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
    close() {
      for (const [name, entry] of [...entries]) {
        entry.refs = 1;
        release(name, entry);
      }
    },
  };
}
