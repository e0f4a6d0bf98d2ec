import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './data-key.ts';

/** Marks a sealed blob; a Yjs update never starts with these four bytes followed by a key id. */
const MAGIC = Buffer.from('FLE1', 'latin1');
const ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = MAGIC.length + ID_BYTES + IV_BYTES + TAG_BYTES;

/** Why a stored blob could not be opened; thrown as `DataKeyError` by the store. */
export type UnsealFailure = 'data-key-missing' | 'wrong-data-key' | 'blob-corrupt';

/** A blob that cannot be decrypted: the key is missing, another key sealed it, or it was altered. */
export class DataKeyError extends Error {
  constructor(
    readonly reason: UnsealFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/** Whether `blob` was sealed by `seal` (rather than written in plain text before encryption). */
export function isSealed(blob: Uint8Array): boolean {
  return blob.byteLength >= HEADER && Buffer.from(blob.subarray(0, 4)).equals(MAGIC);
}

/**
 * Encrypts one stored update with AES-256-GCM. Layout: `FLE1 | key id (8) | iv (12) | tag (16) |
 * ciphertext`. The document name is the additional authenticated data, so a row moved to another
 * document fails to open instead of leaking into it.
 */
export function seal(key: DataKey, docName: string, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(docName, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(
    Buffer.concat([MAGIC, Buffer.from(key.id, 'hex'), iv, cipher.getAuthTag(), body]),
  );
}

/**
 * Decrypts a blob made by `seal` with whichever of `keys` sealed it; a blob without the marker is
 * returned as is (written before encryption was turned on; `firstline rotate-key` seals those).
 */
export function unseal(
  keys: readonly DataKey[] | null,
  docName: string,
  blob: Uint8Array,
): Uint8Array {
  if (!isSealed(blob)) return blob;
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const id = bytes.subarray(MAGIC.length, MAGIC.length + ID_BYTES).toString('hex');
  if (keys === null || keys.length === 0) {
    throw new DataKeyError(
      'data-key-missing',
      `stored data is encrypted (key id ${id}); set FIRSTLINE_DATA_KEY or FIRSTLINE_DATA_KEY_FILE`,
    );
  }
  const key = keys.find((k) => k.id === id);
  if (key === undefined) {
    throw new DataKeyError(
      'wrong-data-key',
      `stored data was encrypted with key id ${id}; the given keys are ${keys.map((k) => k.id).join(', ')}`,
    );
  }
  const ivAt = MAGIC.length + ID_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(ivAt, ivAt + IV_BYTES));
  decipher.setAAD(Buffer.from(docName, 'utf8'));
  decipher.setAuthTag(bytes.subarray(ivAt + IV_BYTES, HEADER));
  try {
    return new Uint8Array(
      Buffer.concat([decipher.update(bytes.subarray(HEADER)), decipher.final()]),
    );
  } catch {
    throw new DataKeyError('blob-corrupt', `a stored update of ${docName} fails authentication`);
  }
}
