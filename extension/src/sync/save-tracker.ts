import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { encodeSaveRequest, readSaved, SAVE_MESSAGE_TYPE, type SavedAck } from './save-messages.ts';

/** Whether the server has stored this client's edits, and the document epoch it reported. */
export interface SaveState {
  /** True once an acknowledgement covers every local edit made so far. */
  saved: boolean;
  /** The epoch of the server's document, once an acknowledgement has told it. */
  epoch: string | null;
}

/** A running tracker; `destroy` unregisters it from the provider and the document. */
export interface SaveTracker {
  state(): SaveState;
  destroy(): void;
}

/**
 * Follows which local edits the server has stored. After local edits (coalesced per tick) and
 * after each completed sync round, it asks the server for an acknowledgement numbered n; frames
 * travel in order and the server answers only after committing everything before the request, so
 * an ack numbered at least the request made after the last edit means "all my edits are stored".
 * Edits made offline travel in the client's answer to the server's sync step 1, which is sent
 * before the provider reports `synced`, so the request made on `sync` covers them too.
 * An ack that says some updates were refused (a read-only document) never counts as saved.
 *
 * The handler sits in the provider's own `messageHandlers` array beside the standard ones; a
 * server that does not know the request simply never answers, and "saved" is never claimed.
 */
export function trackSaves(
  provider: WebsocketProvider,
  doc: Y.Doc,
  onChange: (state: SaveState) => void,
): SaveTracker {
  let requested = 0;
  /** The request that must be acknowledged for the current edits to count as saved. */
  let needed = 0;
  let acked = 0;
  let refused = false;
  let epoch: string | null = null;
  let scheduled = false;
  let current: SaveState = { saved: false, epoch: null };

  const emit = (): void => {
    const saved = !refused && needed > 0 && acked >= needed;
    if (saved === current.saved && epoch === current.epoch) return;
    current = { saved, epoch };
    onChange(current);
  };

  const request = (): void => {
    const ws = provider.ws;
    if (!provider.wsconnected || ws === null || ws.readyState !== 1) {
      // Not connected: the edits wait for the next sync, which asks again.
      needed = Number.POSITIVE_INFINITY;
      return;
    }
    requested += 1;
    needed = requested;
    refused = false;
    ws.send(encodeSaveRequest(requested));
  };

  provider.messageHandlers[SAVE_MESSAGE_TYPE] = (_encoder, decoder) => {
    const ack: SavedAck | null = readSaved(decoder);
    if (ack === null) return;
    epoch = ack.epoch;
    if (ack.refused) refused = true;
    acked = Math.max(acked, ack.n);
    emit();
  };

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return;
    needed = Number.POSITIVE_INFINITY;
    emit();
    if (scheduled) return;
    scheduled = true;
    // After the provider's own update handler (registered first) has put the edit on the wire.
    queueMicrotask(() => {
      scheduled = false;
      request();
    });
  };
  const onSync = (isSynced: boolean): void => {
    if (isSynced) request();
  };
  doc.on('update', onUpdate);
  provider.on('sync', onSync);

  return {
    state: () => current,
    destroy() {
      doc.off('update', onUpdate);
      provider.off('sync', onSync);
      delete provider.messageHandlers[SAVE_MESSAGE_TYPE];
    },
  };
}
