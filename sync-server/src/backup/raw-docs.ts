import type { Database } from 'better-sqlite3';
import * as Y from 'yjs';
import type { DataKey } from '../crypto/data-key.ts';
import { unseal } from '../crypto/sealed-blob.ts';

/**
 * Reads every document of a Firstline SQLite file straight from its tables (snapshot, then the
 * updates after it) and returns each document's state vector, hex. Deliberately not the store's
 * own `load`: a restore is verified by comparing what this independent reader sees in the backup
 * with what the store serves from the restored file.
 */
export function stateVectorsOf(db: Database, keys: readonly DataKey[] | null): Map<string, string> {
  const snapshots = db.prepare('SELECT doc, through_seq, data FROM snapshots').all() as {
    doc: string;
    through_seq: number;
    data: Buffer;
  }[];
  const docs = new Map<string, Y.Doc>();
  const after = new Map<string, number>();
  const docOf = (name: string): Y.Doc => {
    let doc = docs.get(name);
    if (doc === undefined) {
      doc = new Y.Doc({ guid: name });
      docs.set(name, doc);
    }
    return doc;
  };
  for (const s of snapshots) {
    Y.applyUpdate(docOf(s.doc), unseal(keys, s.doc, new Uint8Array(s.data)));
    after.set(s.doc, s.through_seq);
  }
  const updates = db
    .prepare('SELECT seq, doc, data FROM updates ORDER BY seq')
    .iterate() as Iterable<{
    seq: number;
    doc: string;
    data: Buffer;
  }>;
  for (const u of updates) {
    if (u.seq <= (after.get(u.doc) ?? 0)) continue;
    Y.applyUpdate(docOf(u.doc), unseal(keys, u.doc, new Uint8Array(u.data)));
  }
  const vectors = new Map<string, string>();
  for (const [name, doc] of [...docs].sort(([a], [b]) => a.localeCompare(b))) {
    vectors.set(name, Buffer.from(Y.encodeStateVector(doc)).toString('hex'));
    doc.destroy();
  }
  return vectors;
}

/**
 * One document of a Firstline SQLite file read straight from its tables (its snapshot, then the
 * updates after it), or null when the file holds nothing for it. Restore uses it to take the
 * revocations out of the store it is about to move aside, without opening that file as a store.
 */
export function rawDocOf(
  db: Database,
  name: string,
  keys: readonly DataKey[] | null,
): Y.Doc | null {
  const snapshot = db.prepare('SELECT through_seq, data FROM snapshots WHERE doc = ?').get(name) as
    { through_seq: number; data: Buffer } | undefined;
  const updates = db
    .prepare('SELECT data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq')
    .all(name, snapshot?.through_seq ?? 0) as { data: Buffer }[];
  if (snapshot === undefined && updates.length === 0) return null;
  const doc = new Y.Doc();
  if (snapshot !== undefined) Y.applyUpdate(doc, unseal(keys, name, new Uint8Array(snapshot.data)));
  for (const u of updates) Y.applyUpdate(doc, unseal(keys, name, new Uint8Array(u.data)));
  return doc;
}
