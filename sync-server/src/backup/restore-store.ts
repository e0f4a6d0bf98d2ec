import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@firstline/core/model/result';
import * as Y from 'yjs';
import type { DataKey } from '../crypto/data-key.ts';
import { encryptedStore } from '../crypto/encrypted-store.ts';
import { DataKeyError } from '../crypto/sealed-blob.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import { createSqliteStore, EPOCH_KEY, newStoreEpoch } from '../storage/sqlite-store.ts';
import { stateVectorsOf } from './raw-docs.ts';
import { STORE_FILE_NAME } from './store-file.ts';

/** Why a restore did not happen or did not verify. */
export type RestoreFailure =
  'server-running' | 'no-backup' | 'backup-damaged' | 'data-key' | 'verify-mismatch';

/** What `restoreStore` did. */
export interface RestoreReport {
  docs: number;
  /** The new epoch: clients holding copies of the old documents must not merge them back. */
  epoch: string;
  /** Where the replaced store was moved, or null when there was none. */
  previous: string | null;
}

async function vectorsFromStore(store: DocStore): Promise<Map<string, string>> {
  const vectors = new Map<string, string>();
  for (const name of await store.list('')) {
    const doc = new Y.Doc();
    for (const u of (await store.load(name)).updates) Y.applyUpdate(doc, u);
    vectors.set(name, Buffer.from(Y.encodeStateVector(doc)).toString('hex'));
    doc.destroy();
  }
  return vectors;
}

/**
 * Replaces a data directory's store with a backup, then proves the result: every document's state
 * vector read by the store from the restored file equals the one read straight from the backup.
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
    let actual: Map<string, string>;
    try {
      actual = await vectorsFromStore(store);
    } finally {
      await store.close();
    }
    const differing = [...new Set([...expected.keys(), ...actual.keys()])].filter(
      (name) => expected.get(name) !== actual.get(name),
    );
    if (differing.length > 0) {
      return fail(
        'verify-mismatch',
        `${differing.length} documents differ after restore`,
        differing,
      );
    }
    return ok({ docs: expected.size, epoch, previous });
  } finally {
    backup.close();
  }
}
