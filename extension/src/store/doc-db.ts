import { Dexie, type EntityTable } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';

/**
 * One row per Yjs document the extension has opened. The row itself only anchors the document:
 * y-dexie keeps the document's updates in its own table (`$docs.doc_updates`), and destroys a
 * loaded Y.Doc whose anchor row disappears, so the row must exist before the doc is loaded.
 */
export interface StoredDoc {
  /** The document name, `org/{org}/...`, exactly as the sync server knows it. */
  name: string;
  /** Milliseconds since the epoch of the last open; kept so old documents can be pruned later. */
  openedAt: number;
  /**
   * The server epoch this copy belongs to (INTERNALS.md, "Epochs"), once a save acknowledgement
   * has told it; named on reconnect so a copy of a since-restored document is refused, not merged.
   */
  epoch?: string;
  /** Declared as `doc: Y.Doc` in the schema; y-dexie puts it on the prototype, never null. */
  readonly doc: Y.Doc;
}

/**
 * A local copy the server refused because its document was restored or reset (close 4409): the
 * whole Yjs state as it was, kept so nothing the user wrote on this device is lost silently.
 */
export interface AsideDoc {
  /** Auto-incremented; one document can be set aside more than once. */
  id?: number;
  name: string;
  /** The epoch the copy belonged to, or null when it was never told one. */
  epoch: string | null;
  /** The epoch of the server's document that replaced it. */
  serverEpoch: string;
  /** Milliseconds since the epoch. */
  savedAt: number;
  /** `Y.encodeStateAsUpdate` of the copy: apply it to an empty Y.Doc to read it. */
  update: Uint8Array;
}

/** The name of the extension's IndexedDB database; tests pass their own to start empty. */
export const DEFAULT_DB_NAME = 'firstline-docs';

/** The table and property that hold documents; `DexieYProvider.getOrCreateDocument` wants both. */
export const DOCS_TABLE = 'docs';
export const DOC_PROP = 'doc';

/** The Dexie database every Y.Doc of the extension is persisted in (side panel and HR page alike). */
export type DocDb = Dexie & {
  docs: EntityTable<StoredDoc, 'name'>;
  asideDocs: EntityTable<AsideDoc, 'id'>;
};

/** The table of local copies set aside after a restore (version 2 of the schema). */
export const ASIDE_TABLE = 'asideDocs';

/**
 * Opens (lazily, on first use) the documents database. A fresh instance over the same name sees
 * everything an earlier one wrote, which is what lets the panel reopen offline.
 */
export function createDocDb(name: string = DEFAULT_DB_NAME): DocDb {
  // y-dexie's default export doubles as an options factory, so its type is wider than an addon's.
  const addon = yDexie as unknown as (db: Dexie) => void;
  const db = new Dexie(name, { addons: [addon] }) as DocDb;
  db.version(1).stores({ [DOCS_TABLE]: `name, ${DOC_PROP}: Y.Doc` });
  // Version 2 only adds a table; the `epoch` field of `docs` is not indexed and needs no bump.
  db.version(2).stores({ [ASIDE_TABLE]: '++id, name' });
  return db;
}
