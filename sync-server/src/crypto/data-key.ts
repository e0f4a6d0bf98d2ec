import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '@firstline/core/model/result';

/** A 256-bit key for encryption at rest, with a short id stored beside every blob it sealed. */
export interface DataKey {
  /** First 8 bytes of SHA-256 of the key, hex: names the key without revealing it. */
  id: string;
  key: Buffer;
}

/** Why the data keys could not be read. */
export type DataKeyFailure = 'bad-data-key' | 'data-key-file-unreadable';

/** Builds a key from 32 raw bytes. */
export function dataKeyFrom(key: Buffer): DataKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/** A new random key, base64: what `firstline keygen` prints. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

/** Parses one key written as base64 (44 characters) or hex (64 digits) of 32 bytes. */
export function parseDataKey(text: string): Result<DataKey, 'bad-data-key'> {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (bytes === null || bytes.length !== 32) {
    return fail('bad-data-key', 'a data key is 32 bytes written as base64 or 64 hex digits');
  }
  return ok(dataKeyFrom(bytes));
}

/**
 * The data keys, current first: from `FIRSTLINE_DATA_KEY` (keys separated by commas or spaces) or
 * else from the file `FIRSTLINE_DATA_KEY_FILE` (one key a line, `#` comments). Older keys after the
 * first still decrypt what they sealed, which is how a rotation runs without downtime for reads.
 * No key at all means no encryption (`ok(null)`).
 */
export function loadDataKeys(
  env: NodeJS.ProcessEnv = process.env,
): Result<DataKey[] | null, DataKeyFailure> {
  let text = env.FIRSTLINE_DATA_KEY ?? '';
  const file = env.FIRSTLINE_DATA_KEY_FILE;
  if (text.trim().length === 0 && file !== undefined && file.length > 0) {
    try {
      text = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'))
        .join('\n');
    } catch (error) {
      return fail('data-key-file-unreadable', `cannot read FIRSTLINE_DATA_KEY_FILE ${file}`, error);
    }
  }
  const parts = text.split(/[\s,]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return ok(null);
  const keys: DataKey[] = [];
  for (const part of parts) {
    const key = parseDataKey(part);
    if (!key.ok) return key;
    keys.push(key.value);
  }
  return ok(keys);
}
