import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@firstline/core/model/result';
import { STORE_FILE_NAME } from '../backup/store-file.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import type { DataKey } from './data-key.ts';
import { checkDataKeys, writeKeyCheck } from './key-check.ts';
import { DataKeyError, seal, unseal } from './sealed-blob.ts';

/** Why a rotation did not happen. */
export type RotateFailure = 'server-running' | 'no-store' | 'no-key' | 'data-key';

/**
 * Re-seals every stored update and snapshot with `keys[0]`, opening each with whichever key of
 * `keys` sealed it (rows stored in plain text before encryption was turned on are sealed too), in
 * one transaction: a crash leaves either the old rows or the new ones. Then the key check file
 * names the new key, and the old key may be dropped from the configuration. Offline: a running
 * server would keep writing with the old key.
 */
export function rotateDataKey(
  dataDir: string,
  keys: readonly DataKey[],
): Result<{ rows: number; keyId: string }, RotateFailure> {
  const lock = liveServerLock(dataDir);
  if (lock !== null) return fail('server-running', `a server (pid ${lock.pid}) uses ${dataDir}`);
  const current = keys[0];
  if (current === undefined) return fail('no-key', 'give the new key first, then the old ones');
  const file = join(dataDir, STORE_FILE_NAME);
  if (!existsSync(file)) return fail('no-store', `no ${STORE_FILE_NAME} in ${dataDir}`);
  const check = checkDataKeys(dataDir, keys);
  if (!check.ok) return fail('data-key', check.message);
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const rotate = db.transaction((): number => {
      let rows = 0;
      for (const table of ['updates', 'snapshots'] as const) {
        const key = table === 'updates' ? 'seq' : 'doc';
        const all = db.prepare(`SELECT ${key} AS k, doc, data FROM ${table}`).all() as {
          k: number | string;
          doc: string;
          data: Buffer;
        }[];
        const write = db.prepare(`UPDATE ${table} SET data = ? WHERE ${key} = ?`);
        for (const row of all) {
          const plain = unseal(keys, row.doc, new Uint8Array(row.data));
          write.run(seal(current, row.doc, plain), row.k);
          rows += 1;
        }
      }
      return rows;
    });
    const rows = rotate();
    writeKeyCheck(dataDir, current);
    return ok({ rows, keyId: current.id });
  } catch (error) {
    if (error instanceof DataKeyError) return fail('data-key', error.message);
    throw error;
  } finally {
    db.close();
  }
}
