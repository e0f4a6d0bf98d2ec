/** A value that may be ready now or later; stores pick whichever suits their backend. */
export type MaybePromise<T> = T | Promise<T>;

/** Everything stored for one document, in the order it must be applied. */
export interface StoredDoc {
  /** The latest snapshot (if any) first, then every update committed after it. */
  updates: Uint8Array[];
  /** Sequence number of the last stored update, 0 when nothing is stored. */
  lastSeq: number;
  /**
   * The document's epoch: changes when the stored document is replaced wholesale (a restore), so
   * a client holding a copy of the old one can tell and must not merge it back. Backends that do
   * not track epochs leave it out (read as "").
   */
  epoch?: string;
}

/**
 * Where documents live between connections. One contract for every backend (SQLite today; a
 * shared store for scale-out later), checked by the same suite in `test/store-contract.ts`.
 *
 * Methods may answer synchronously or with a promise. The document layer relays an update to other
 * clients only after `append` has returned (or its promise resolved), so a client never sees an edit
 * that a crash could still lose; a synchronous backend simply makes that wait zero.
 */
export interface DocStore {
  /** Loads a document's snapshot and updates; an unknown document is empty, not an error. */
  load(name: string): MaybePromise<StoredDoc>;
  /** Durably appends one update and returns its sequence number (increasing per document). */
  append(name: string, update: Uint8Array): MaybePromise<number>;
  /**
   * Replaces every update up to and including `throughSeq` with `snapshot`, atomically: a reader
   * sees either the old updates or the snapshot, never neither. Updates after `throughSeq` stay.
   */
  compact(name: string, snapshot: Uint8Array, throughSeq: number): MaybePromise<void>;
  /** Names of stored documents that start with `prefix`, sorted. */
  list(prefix: string): MaybePromise<string[]>;
  /**
   * Optional, for synchronous backends: runs `fn` so that every `append` made inside it commits
   * together when it returns (or none does when it throws). Bulk work such as an import uses it to
   * pay for one durable commit per batch instead of one per document.
   */
  batch?<T>(fn: () => T): T;
  /** Releases the backend; the store is not used afterwards. */
  close(): MaybePromise<void>;
}
