import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@firstline/core/model/result';
import { STORE_FILE_NAME } from './store-file.ts';

/** Why a backup was not made. */
export type BackupFailure = 'no-store' | 'out-exists' | 'backup-failed';

/** What `backupStore` made. */
export interface BackupReport {
  file: string;
  bytes: number;
  /** Documents in the backup. */
  docs: number;
}

/**
 * Copies the data directory's SQLite file with SQLite's online backup API (better-sqlite3's
 * `backup`), which copies a consistent snapshot page by page while the server keeps reading and
 * committing: writes that land during the copy make SQLite restart the affected pages, so the
 * file is as of one moment. The jwt-secret and the data key are not in it: keep them separately.
 */
export async function backupStore(
  dataDir: string,
  outFile: string,
): Promise<Result<BackupReport, BackupFailure>> {
  const source = join(dataDir, STORE_FILE_NAME);
  if (!existsSync(source)) return fail('no-store', `no ${STORE_FILE_NAME} in ${dataDir}`);
  if (existsSync(outFile)) return fail('out-exists', `${outFile} exists; pick a new file`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(outFile);
  } catch (error) {
    return fail('backup-failed', error instanceof Error ? error.message : String(error), error);
  } finally {
    db.close();
  }
  const copy = new Database(outFile, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      return fail('backup-failed', `integrity check of the copy: ${String(check)}`);
    const docs = copy
      .prepare(
        'SELECT COUNT(*) AS n FROM (SELECT doc FROM updates UNION SELECT doc FROM snapshots)',
      )
      .get() as { n: number };
    return ok({ file: outFile, bytes: statSync(outFile).size, docs: docs.n });
  } finally {
    copy.close();
  }
}
