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
  /** Declared as `doc: Y.Doc` in the schema; y-dexie puts it on the prototype, never null. */
  readonly doc: Y.Doc;
}

/** The name of the extension's IndexedDB database; tests pass their own to start empty. */
export const DEFAULT_DB_NAME = 'firstline-docs';

/** The table and property that hold documents; `DexieYProvider.getOrCreateDocument` wants both. */
export const DOCS_TABLE = 'docs';
export const DOC_PROP = 'doc';

/** The Dexie database every Y.Doc of the extension is persisted in (side panel and HR page alike). */
export type DocDb = Dexie & { docs: EntityTable<StoredDoc, 'name'> };

/**
 * Opens (lazily, on first use) the documents database. A fresh instance over the same name sees
 * everything an earlier one wrote, which is what lets the panel reopen offline.
 */
export function createDocDb(name: string = DEFAULT_DB_NAME): DocDb {
  // y-dexie's default export doubles as an options factory, so its type is wider than an addon's.
  const addon = yDexie as unknown as (db: Dexie) => void;
  const db = new Dexie(name, { addons: [addon] }) as DocDb;
  db.version(1).stores({ [DOCS_TABLE]: `name, ${DOC_PROP}: Y.Doc` });
  return db;
}
