import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CLOSE_CODES, TERMINAL_CLOSE_CODES } from './close-codes.ts';
import type { ConnectionState } from './connection-state.ts';
import { trackSaves } from './save-tracker.ts';

/** Where and as whom to sync; absent when the user has not configured a server yet. */
export interface SyncConfig {
  /** `ws://host:port` or `http://host:port` (http is turned into ws); `/sync` is appended here. */
  serverUrl: string;
  token: string;
  /** Node has no global WebSocket: tests pass `ws`'s class here. */
  WebSocketPolyfill?: typeof WebSocket;
  /**
   * Where the epoch of each document's local copy is remembered (see INTERNALS.md, "Epochs").
   * With it, a reconnect names the epoch and the server refuses a copy of a restored document
   * (4409) instead of merging it back; without it the epoch is remembered for this session only.
   */
  epochs?: EpochMemory;
  /**
   * Told when the server refused the local copy because the document was restored or reset: the
   * copy must be set aside (kept for the user, never merged) and the document opened afresh.
   */
  onEpochChanged?: (name: string, serverEpoch: string) => void;
}

/** Remembers the server epoch each local copy belongs to. */
export interface EpochMemory {
  get(name: string): string | null;
  set(name: string, epoch: string): void;
}

/** A live link between one Y.Doc and the server, with its state for the UI. */
export interface SyncHandle {
  state(): ConnectionState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
  destroy(): void;
  /** The provider's presence channel (who is online, what they are editing). */
  awareness: Awareness;
}

/** After this many failed attempts in a row the server counts as unreachable ("offline"). */
const ATTEMPTS_BEFORE_OFFLINE = 2;

/** Turns a configured server URL into y-websocket's base URL: ws(s) scheme, `/sync` appended. */
export function syncBaseUrl(serverUrl: string): string {
  const trimmed = serverUrl.trim().replace(/\/+$/, '');
  const ws = trimmed.replace(/^http(s?):\/\//i, 'ws$1://');
  return `${ws}/sync`;
}

/**
 * Attaches a y-websocket provider for `name` to `doc`. The provider stops for good on the close
 * codes in TERMINAL_CLOSE_CODES (4401 bad token, 4403 no access...), and the state says why, so
 * the panel can show "denied" instead of retrying forever against a server that said no.
 */
export function attachSync(doc: Y.Doc, name: string, config: SyncConfig): SyncHandle {
  const listeners = new Set<(state: ConnectionState) => void>();
  let current: ConnectionState = { status: 'connecting' };
  const set = (next: ConnectionState): void => {
    if (current.status === 'denied') return;
    if (
      next.status === current.status &&
      next.code === current.code &&
      next.saved === current.saved
    ) {
      return;
    }
    current = next;
    for (const l of listeners) l(current);
  };

  const knownEpoch = config.epochs?.get(name) ?? null;
  // Trimmed here too: a pasted token with a trailing line break is refused by the server.
  const params: Record<string, string> = { token: config.token.trim() };
  if (knownEpoch !== null) params.epoch = knownEpoch;
  const provider = new WebsocketProvider(syncBaseUrl(config.serverUrl), name, doc, {
    params,
    maxBackoffTime: 5000,
    // IndexedDB already shares the document between the panel and the HR page.
    disableBc: true,
    shouldReconnect: (event) => !TERMINAL_CLOSE_CODES.has(event.code),
    ...(config.WebSocketPolyfill ? { WebSocketPolyfill: config.WebSocketPolyfill } : {}),
  });

  const synced = (): ConnectionState => ({ status: 'synced', saved: saves.state().saved });
  const saves = trackSaves(provider, doc, ({ epoch }) => {
    if (epoch !== null && provider.params.epoch !== epoch) {
      // Later reconnects name it: a restore in between is then noticed, not merged.
      provider.params.epoch = epoch;
      config.epochs?.set(name, epoch);
    }
    if (provider.synced) set(synced());
  });

  provider.on('status', ({ status }) => {
    if (status === 'connected') set(provider.synced ? synced() : { status: 'connecting' });
    else if (status === 'connecting') {
      const unreachable = provider.wsUnsuccessfulReconnects >= ATTEMPTS_BEFORE_OFFLINE;
      set({ status: unreachable ? 'offline' : 'connecting' });
    } else set({ status: 'offline' });
  });
  provider.on('sync', (isSynced) => set(isSynced ? synced() : { status: 'connecting' }));
  provider.on('closed', ({ code, reason }) => {
    set({ status: 'denied', code, reason });
    const epoch = /^epoch:(.+)$/.exec(reason);
    if (code === CLOSE_CODES.epochChanged && epoch !== null)
      config.onEpochChanged?.(name, epoch[1]!);
  });

  return {
    awareness: provider.awareness,
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      saves.destroy();
      provider.destroy();
    },
  };
}
