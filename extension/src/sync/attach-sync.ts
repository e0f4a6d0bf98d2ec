import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { TERMINAL_CLOSE_CODES } from './close-codes.ts';
import type { ConnectionState } from './connection-state.ts';

/** Where and as whom to sync; absent when the user has not configured a server yet. */
export interface SyncConfig {
  /** `ws://host:port` or `http://host:port` (http is turned into ws); `/sync` is appended here. */
  serverUrl: string;
  token: string;
  /** Node has no global WebSocket: tests pass `ws`'s class here. */
  WebSocketPolyfill?: typeof WebSocket;
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
    if (next.status === current.status && next.code === current.code) return;
    current = next;
    for (const l of listeners) l(current);
  };

  const provider = new WebsocketProvider(syncBaseUrl(config.serverUrl), name, doc, {
    params: { token: config.token },
    maxBackoffTime: 5000,
    // IndexedDB already shares the document between the panel and the HR page.
    disableBc: true,
    shouldReconnect: (event) => !TERMINAL_CLOSE_CODES.has(event.code),
    ...(config.WebSocketPolyfill ? { WebSocketPolyfill: config.WebSocketPolyfill } : {}),
  });

  provider.on('status', ({ status }) => {
    if (status === 'connected') set({ status: provider.synced ? 'synced' : 'connecting' });
    else if (status === 'connecting') {
      const unreachable = provider.wsUnsuccessfulReconnects >= ATTEMPTS_BEFORE_OFFLINE;
      set({ status: unreachable ? 'offline' : 'connecting' });
    } else set({ status: 'offline' });
  });
  provider.on('sync', (synced) => set({ status: synced ? 'synced' : 'connecting' }));
  provider.on('closed', ({ code, reason }) => set({ status: 'denied', code, reason }));

  return {
    awareness: provider.awareness,
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      provider.destroy();
    },
  };
}
