import type { DocStore, MaybePromise } from '../storage/doc-store.ts';
import type { ServerMetrics } from './server-metrics.ts';

function timed<T>(run: () => MaybePromise<T>, done: (seconds: number) => void): MaybePromise<T> {
  const started = performance.now();
  const result = run();
  const finish = (): void => done((performance.now() - started) / 1000);
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    return (result as Promise<T>).finally(finish);
  }
  finish();
  return result;
}

/**
 * Measures the store from outside: commit latency and count, compaction time and count. A wrapper
 * rather than hooks in the document layer, so every backend is measured the same way and a
 * synchronous backend stays synchronous. Inside a store batch (an import) an append returns before
 * the batch's single commit, so those appends measure the insert only.
 */
export function instrumentedStore(inner: DocStore, metrics: ServerMetrics): DocStore {
  const store: DocStore = {
    load: (name) => inner.load(name),
    append: (name, update) =>
      timed(
        () => inner.append(name, update),
        (s) => {
          metrics.commitSeconds.observe(s);
          metrics.updates.inc();
        },
      ),
    compact: (name, snapshot, throughSeq) =>
      timed(
        () => inner.compact(name, snapshot, throughSeq),
        (s) => {
          metrics.compactionSeconds.observe(s);
          metrics.compactions.inc();
        },
      ),
    list: (prefix) => inner.list(prefix),
    close: () => inner.close(),
  };
  if (inner.batch !== undefined) {
    const batch = inner.batch.bind(inner);
    store.batch = <T>(fn: () => T): T => batch(fn);
  }
  return store;
}
