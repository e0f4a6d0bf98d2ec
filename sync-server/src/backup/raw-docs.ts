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
      doc = new Y.Doc();
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
