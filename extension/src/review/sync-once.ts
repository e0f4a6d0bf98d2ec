import type { DocStore } from '../store/doc-store.ts';
import type * as Y from 'yjs';

/**
 * Opens a document, waits until it has synced with the server (or was refused), runs `write` on
 * it, and releases it. Bulk creation goes through this so a snapshot is written only after the
 * server's copy is in: writing before would race a card someone else already created (C2.2).
 */
export async function withSyncedDoc<T>(
  store: DocStore,
  name: string,
  write: (doc: Y.Doc) => T,
  timeoutMs = 15_000,
): Promise<T | 'refused' | 'timeout'> {
  const opened = store.openDoc(name);
  try {
    await opened.whenLoaded;
    const outcome = await new Promise<'synced' | 'refused' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      const stop = opened.onConnection((state) => {
        if (state.status === 'synced' || state.status === 'denied') {
          clearTimeout(timer);
          stop();
          resolve(state.status === 'synced' ? 'synced' : 'refused');
        }
      });
    });
    if (outcome !== 'synced') return outcome;
    return write(opened.doc);
  } finally {
    // Give the socket a moment to send what `write` queued before the provider closes it.
    setTimeout(() => opened.destroy(), 1500);
  }
}
