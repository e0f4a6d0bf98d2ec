import { closeSync, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { DocStore, StoredDoc } from './doc-store.ts';

/** The `meta` row that holds the store's epoch (every document of the file shares it). */
export const EPOCH_KEY = 'epoch';

/** A fresh random epoch: 16 hex digits. */
export function newStoreEpoch(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, so an update is on disk
 * when `append` returns. better-sqlite3 is synchronous, which is what lets the server commit an
 * update inside the document's update handler, before anything is relayed.
 *
 * Layout: `updates` holds the log (one row per update, `seq` global and increasing, so it also
 * increases per document); `snapshots` holds at most one merged state per document and the last
 * `seq` it covers. Loading is the snapshot followed by the updates after it.
 */
export function createSqliteStore(file: string): DocStore {
  // People data: owner-only. SQLite gives the -wal and -shm files the main file's permissions.
  if (file !== ':memory:') closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_doc_seq ON updates (doc, seq);
    CREATE TABLE IF NOT EXISTS snapshots (
      doc TEXT PRIMARY KEY,
      through_seq INTEGER NOT NULL,
      data BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
  // The store's epoch, made once; `firstline restore` replaces it (see `newStoreEpoch`).
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(
    EPOCH_KEY,
    newStoreEpoch(),
  );
  const epoch = (
    db.prepare('SELECT value FROM meta WHERE key = ?').get(EPOCH_KEY) as { value: string }
  ).value;
  const selectSnapshot = db.prepare<[string], { through_seq: number; data: Buffer }>(
    'SELECT through_seq, data FROM snapshots WHERE doc = ?',
  );
  const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq',
  );
  const insertUpdate = db.prepare<[string, Uint8Array]>(
    'INSERT INTO updates (doc, data) VALUES (?, ?)',
  );
  const upsertSnapshot = db.prepare<[string, number, Uint8Array]>(
    `INSERT INTO snapshots (doc, through_seq, data) VALUES (?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
     WHERE excluded.through_seq >= snapshots.through_seq`,
  );
  const deleteUpdates = db.prepare<[string, number]>(
    'DELETE FROM updates WHERE doc = ? AND seq <= ?',
  );
  const listDocs = db.prepare<{ prefix: string }, { doc: string }>(
    `SELECT doc FROM updates WHERE substr(doc, 1, length(@prefix)) = @prefix
     UNION SELECT doc FROM snapshots WHERE substr(doc, 1, length(@prefix)) = @prefix ORDER BY doc`,
  );

  const load = db.transaction((name: string): StoredDoc => {
    const snapshot = selectSnapshot.get(name);
    const after = snapshot?.through_seq ?? 0;
    const rows = selectUpdates.all(name, after);
    const updates = rows.map((r) => new Uint8Array(r.data));
    if (snapshot) updates.unshift(new Uint8Array(snapshot.data));
    return { updates, lastSeq: rows.at(-1)?.seq ?? after, epoch };
  });
  const compact = db.transaction((name: string, snapshot: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(name, throughSeq, snapshot);
    deleteUpdates.run(name, throughSeq);
  });

  return {
    load: (name) => load(name),
    append: (name, update) => Number(insertUpdate.run(name, update).lastInsertRowid),
    compact: (name, snapshot, throughSeq) => compact(name, snapshot, throughSeq),
    list: (prefix) => listDocs.all({ prefix }).map((r) => r.doc),
    batch: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => {
      db.close();
    },
  };
}
