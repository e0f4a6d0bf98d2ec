import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@firstline/core/model/result';
import * as Y from 'yjs';
import type { DataKey } from '../crypto/data-key.ts';
import { encryptedStore } from '../crypto/encrypted-store.ts';
import { DataKeyError } from '../crypto/sealed-blob.ts';
import {
  mergeRevocations,
  REVOCATIONS_DOC,
  weakenedRevocations,
  type Revocation,
} from '../auth/revocation-list.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import { createSqliteStore, EPOCH_KEY, newStoreEpoch } from '../storage/sqlite-store.ts';
import { rawDocOf, stateVectorsOf } from './raw-docs.ts';
import { STORE_FILE_NAME } from './store-file.ts';

/** Why a restore did not happen or did not verify. */
export type RestoreFailure =
  | 'server-running'
  | 'no-backup'
  | 'backup-damaged'
  | 'data-key'
  | 'revocations-unreadable'
  | 'verify-mismatch';

/** What `restoreStore` did. */
export interface RestoreReport {
  docs: number;
  /** The new epoch: clients holding copies of the old documents must not merge them back. */
  epoch: string;
  /** Where the replaced store was moved, or null when there was none. */
  previous: string | null;
  /**
   * Revocations of the replaced store carried into the restored one (a restore never undoes a
   * revocation); the revocations document is then the backup's merged with these, not the backup's.
   */
  revocationsCarried: number;
}

function hex(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('hex');
}

/** The revocations document of the store about to be replaced (empty when there is none). */
function currentRevocations(
  target: string,
  keys: readonly DataKey[] | null,
): Result<Y.Doc, 'data-key' | 'revocations-unreadable'> {
  if (!existsSync(target)) return ok(new Y.Doc());
  let db: Database.Database | null = null;
  try {
    // Opened read-write so a WAL left by a crash is replayed; nothing is written.
    db = new Database(target, { fileMustExist: true });
    return ok(rawDocOf(db, REVOCATIONS_DOC, keys) ?? new Y.Doc());
  } catch (error) {
    if (error instanceof DataKeyError) return fail('data-key', error.message);
    const why = error instanceof Error ? error.message : String(error);
    return fail(
      'revocations-unreadable',
      `cannot read the revocations of ${target} (${why}); a restore keeps them so that no ` +
        'revoked token works again. If that store is lost, move it out of the data folder ' +
        'yourself, restore, and revoke again what must stay revoked',
      error,
    );
  } finally {
    db?.close();
  }
}

async function loadDoc(store: DocStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc({ guid: name });
  for (const u of (await store.load(name)).updates) Y.applyUpdate(doc, u);
  return doc;
}

async function vectorsFromStore(store: DocStore): Promise<Map<string, string>> {
  const vectors = new Map<string, string>();
  for (const name of await store.list('')) {
    const doc = new Y.Doc({ guid: name });
    for (const u of (await store.load(name)).updates) Y.applyUpdate(doc, u);
    vectors.set(name, Buffer.from(Y.encodeStateVector(doc)).toString('hex'));
    doc.destroy();
  }
  return vectors;
}

/**
 * Replaces a data directory's store with a backup, then proves the result: every document's state
 * vector read by the store from the restored file equals the one read straight from the backup.
 * The one exception is the revocations document: the revocations of the replaced store are
 * merged into it (a token revoked after the backup stays revoked), and it is proved to equal the
 * merge.
 * Refuses while a server uses the directory. The replaced file is moved aside, never deleted, and
 * the store gets a new epoch, so a client's copy of a document from before the restore is refused
 * (close 4409) instead of being merged into the restored one.
 */
export async function restoreStore(
  backupFile: string,
  dataDir: string,
  keys: readonly DataKey[] | null,
  now: Date = new Date(),
): Promise<Result<RestoreReport, RestoreFailure>> {
  const lock = liveServerLock(dataDir);
  if (lock !== null) {
    return fail(
      'server-running',
      `a server (pid ${lock.pid}, ${lock.url}) uses ${dataDir}; stop it first`,
    );
  }
  if (!existsSync(backupFile)) return fail('no-backup', `${backupFile} does not exist`);
  let expected: Map<string, string>;
  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return fail('backup-damaged', `integrity check: ${String(check)}`);
    try {
      expected = stateVectorsOf(backup, keys);
    } catch (error) {
      if (error instanceof DataKeyError) return fail('data-key', error.message);
      return fail('backup-damaged', error instanceof Error ? error.message : String(error), error);
    }
    const target = join(dataDir, STORE_FILE_NAME);
    // Read before anything moves: a restore must not bring back a token revoked since the backup.
    const current = currentRevocations(target, keys);
    if (!current.ok) return current;
    let previous: string | null = null;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(target + suffix)) renameSync(target + suffix, previous + suffix);
      }
    }
    await backup.backup(target);
    const epoch = newStoreEpoch();
    const restored = new Database(target);
    // A backup from before epochs existed has no meta table yet.
    restored.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    restored
      .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
      .run(EPOCH_KEY, epoch);
    restored.close();

    const sqlite = createSqliteStore(target);
    const store = keys === null ? sqlite : encryptedStore(sqlite, keys);
    let differing: string[];
    let carried: Revocation[];
    try {
      // First proof: every document, the revocations included, is the backup's.
      const actual = await vectorsFromStore(store);
      differing = [...new Set([...expected.keys(), ...actual.keys()])].filter(
        (name) => expected.get(name) !== actual.get(name),
      );
      if (differing.length > 0) {
        return fail(
          'verify-mismatch',
          `${differing.length} documents differ after restore`,
          differing,
        );
      }
      // Then the one document allowed to differ: the backup's revocations merged with the ones
      // of the replaced store, appended as one update and proved by reading it back.
      const merged = await loadDoc(store, REVOCATIONS_DOC);
      const before = Y.encodeStateVector(merged);
      carried = mergeRevocations(merged, current.value);
      const change = Y.encodeStateAsUpdate(merged, before);
      // Map entries are only ever set, so anything carried shows in the state vector.
      if (hex(merged) !== Buffer.from(before).toString('hex')) {
        await store.append(REVOCATIONS_DOC, change);
      }
      const reread = await loadDoc(store, REVOCATIONS_DOC);
      const weakened = weakenedRevocations(reread, carried);
      const same = hex(reread) === hex(merged);
      reread.destroy();
      merged.destroy();
      if (!same || weakened.length > 0) {
        return fail(
          'verify-mismatch',
          `the revocations document does not hold the carried revocations after restore`,
          [REVOCATIONS_DOC],
        );
      }
    } finally {
      current.value.destroy();
      await store.close();
    }
    return ok({ docs: expected.size, epoch, previous, revocationsCarried: carried.length });
  } finally {
    backup.close();
  }
}
