import type { Translate } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages-en.ts';
import { CLOSE_CODES } from '../sync/close-codes.ts';
import type { ConnectionState } from '../sync/connection-state.ts';

/** The configured server as the connection message needs it. */
export interface ServerSeen {
  url: string;
  /** Whether the panel has synced with this URL since it was set. */
  reached: boolean;
}

/**
 * The sentence under the header that explains a non-synced state, or null when all is well.
 * Offline against a URL never reached says the address may be wrong; a server that answered
 * before gets the ordinary offline hint (edits wait locally).
 */
export function connectionMessage(
  state: ConnectionState,
  server: ServerSeen | null,
  t: Translate,
): string | null {
  if (server === null) return t('status.localOnly');
  if (state.status === 'offline') {
    return server.reached ? t('status.offlineHint') : t('status.unreachable', { url: server.url });
  }
  if (state.status !== 'denied') return null;
  if (state.code === CLOSE_CODES.unauthorized) {
    return state.reason === 'token-revoked' ? t('denied.revoked') : t('denied.token');
  }
  if (state.code === CLOSE_CODES.forbidden) return t('denied.forbidden');
  return t('denied.other', { reason: state.reason || String(state.code ?? '') });
}

const LABEL: Record<ConnectionState['status'], MessageKey> = {
  offline: 'status.offline',
  connecting: 'status.connecting',
  synced: 'status.synced',
  denied: 'status.denied',
};

/**
 * The connection pill in the header. `data-status` carries the machine-readable state for
 * end-to-end tests; the text is translated. "Saved to server" replaces "Synced" only once the
 * server has acknowledged storing every local edit of the screen's documents (the save ack).
 */
export function StatusBadge(props: { state: ConnectionState; t: Translate }) {
  const { state, t } = props;
  const saved = state.status === 'synced' && state.saved === true;
  return (
    <span
      class={`status status-${state.status}`}
      data-testid="connection-status"
      data-status={state.status}
      data-code={state.code ?? ''}
      data-saved={saved ? 'true' : 'false'}
      role="status"
    >
      <span class="status-dot" aria-hidden="true" />
      {t(saved ? 'status.saved' : LABEL[state.status])}
    </span>
  );
}
