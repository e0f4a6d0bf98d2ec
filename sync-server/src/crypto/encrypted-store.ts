import type { DocStore, StoredDoc } from '../storage/doc-store.ts';
import type { DataKey } from './data-key.ts';
import { seal, unseal } from './sealed-blob.ts';

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Encryption at rest for any backend: seals every update and snapshot with the current key
 * (`keys[0]`) before it reaches `inner`, and opens what `inner` returns with whichever key sealed
 * it. Wrapping the contract rather than one backend keeps SQLite and a shared store alike, and a
 * synchronous backend stays synchronous (the commit-before-relay path depends on it).
 */
export function encryptedStore(inner: DocStore, keys: readonly DataKey[]): DocStore {
  const current = keys[0];
  if (current === undefined) throw new Error('encryptedStore needs at least one key');
  const open = (name: string, stored: StoredDoc): StoredDoc => ({
    ...stored,
    updates: stored.updates.map((u) => unseal(keys, name, u)),
  });
  const store: DocStore = {
    load(name) {
      const stored = inner.load(name);
      return isPromise(stored) ? stored.then((s) => open(name, s)) : open(name, stored);
    },
    append: (name, update) => inner.append(name, seal(current, name, update)),
    compact: (name, snapshot, throughSeq) =>
      inner.compact(name, seal(current, name, snapshot), throughSeq),
    list: (prefix) => inner.list(prefix),
    close: () => inner.close(),
  };
  if (inner.batch !== undefined) {
    const batch = inner.batch.bind(inner);
    store.batch = <T>(fn: () => T): T => batch(fn);
  }
  return store;
}
