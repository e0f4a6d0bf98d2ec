import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '@firstline/core/model/result';
import type { DataKey } from './data-key.ts';
import { DataKeyError, seal, unseal, type UnsealFailure } from './sealed-blob.ts';

/** The file in the data directory that proves which key the stored data needs. */
export const KEY_CHECK_FILE = 'data-key.check';

const SAMPLE = 'firstline data key check';
const AAD = 'key-check';

/**
 * Checks the keys against the data directory before the server serves anything, so a wrong or
 * missing key is a clear error at start rather than a failure on the first document load:
 * - no check file and no key: plain storage, as before encryption existed;
 * - no check file and a key: encryption starts now; the file is written;
 * - a check file and no key, or keys none of which opens it: refused with the reason.
 * `firstline rotate-key` rewrites the file with the new current key once every row is resealed.
 */
export function checkDataKeys(
  dataDir: string,
  keys: readonly DataKey[] | null,
): Result<void, UnsealFailure> {
  const file = join(dataDir, KEY_CHECK_FILE);
  if (!existsSync(file)) {
    if (keys !== null && keys.length > 0) writeKeyCheck(dataDir, keys[0]!);
    return ok(undefined);
  }
  const sealed = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  try {
    const plain = Buffer.from(unseal(keys, AAD, sealed)).toString('utf8');
    if (plain !== SAMPLE) return fail('blob-corrupt', `${KEY_CHECK_FILE} is damaged`);
  } catch (error) {
    if (error instanceof DataKeyError) return fail(error.reason, error.message);
    throw error;
  }
  return ok(undefined);
}

/** Writes the check file for `key` (mode 0600; it holds no secret, only a sealed sample). */
export function writeKeyCheck(dataDir: string, key: DataKey): void {
  const sealed = seal(key, AAD, new TextEncoder().encode(SAMPLE));
  writeFileSync(join(dataDir, KEY_CHECK_FILE), Buffer.from(sealed).toString('base64') + '\n', {
    mode: 0o600,
  });
}
