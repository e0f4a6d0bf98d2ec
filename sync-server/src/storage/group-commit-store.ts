import type { DocStore, MaybePromise } from './doc-store.ts';

interface Pending {
  name: string;
  update: Uint8Array;
  resolve: (seq: MaybePromise<number>) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit over a synchronous store (SQLite): appends that arrive in the same turn of the
 * event loop are committed together in one transaction, so one fsync covers them all. Each
 * `append` resolves only after that commit, and the document layer relays an update only after its
 * `append` resolved, so "committed before anyone is told" still holds; what changes is that a
 * burst of edits costs one disk flush instead of one each. Under load the batches grow by
 * themselves: while one commit blocks the thread, the next edits queue in the socket buffers and
 * are all read in the next turn.
 *
 * Reads (`load`, `list`) and `compact` first commit what is queued, so they never miss an update
 * that was already handed to `append`. Inside `batch` (an import) appends go straight to the inner
 * store, whose batch commits them together. A store without `batch` is returned unchanged.
 */
export function groupCommitStore(inner: DocStore): DocStore {
  // Without batches there is nothing to group appends into; such a store is used as it is.
  if (inner.batch === undefined) return inner;
  const innerBatch = inner.batch.bind(inner);
  let queue: Pending[] = [];
  let scheduled = false;
  let inBatch = false;

  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const work = queue;
    queue = [];
    let seqs: MaybePromise<number>[];
    try {
      seqs = innerBatch(() => work.map((p) => inner.append(p.name, p.update)));
    } catch (error) {
      for (const p of work) p.reject(error);
      return;
    }
    work.forEach((p, i) => p.resolve(seqs[i]!));
  };

  const store: DocStore = {
    load(name) {
      flush();
      return inner.load(name);
    },
    append(name, update) {
      if (inBatch) return inner.append(name, update);
      return new Promise<number>((resolve, reject) => {
        queue.push({ name, update, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    compact(name, snapshot, throughSeq) {
      flush();
      return inner.compact(name, snapshot, throughSeq);
    },
    list(prefix) {
      flush();
      return inner.list(prefix);
    },
    batch<T>(fn: () => T): T {
      flush();
      inBatch = true;
      try {
        return innerBatch(fn);
      } finally {
        inBatch = false;
      }
    },
    close() {
      flush();
      return inner.close();
    },
  };
  return store;
}
