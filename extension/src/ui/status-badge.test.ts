import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { translator } from '../i18n/i18n.ts';
import { loadReachedServer, markServerReached } from '../sync/reached-server.ts';
import { connectionMessage } from './status-badge.tsx';

const en = translator('en');
const zh = translator('zh-CN');
const url = 'http://127.0.0.1:9';

beforeEach(() => fakeBrowser.reset());

describe('connection message (user test)', () => {
  it('a server URL never reached says so instead of the offline hint', () => {
    const offline = { status: 'offline' } as const;
    expect(connectionMessage(offline, { url, reached: false }, en)).toBe(
      'Cannot reach the server at http://127.0.0.1:9. Check the address in Settings.',
    );
    expect(connectionMessage(offline, { url, reached: false }, zh)).toContain(url);
    expect(connectionMessage(offline, { url, reached: false }, zh)).not.toMatch(/Cannot/);
    // A server that answered before is just offline: edits wait locally.
    expect(connectionMessage(offline, { url, reached: true }, en)).toBe(en('status.offlineHint'));
    expect(connectionMessage(offline, null, en)).toBe(en('status.localOnly'));
  });

  it('a revoked token (4401 token-revoked) is named as revoked, other 4401s as invalid or expired', () => {
    const server = { url, reached: true };
    const revoked = { status: 'denied', code: 4401, reason: 'token-revoked' } as const;
    expect(connectionMessage(revoked, server, en)).toBe(
      'This token was revoked. Ask HR for a new one.',
    );
    expect(connectionMessage(revoked, server, zh)).toBe(zh('denied.revoked'));
    const expired = { status: 'denied', code: 4401, reason: 'token-expired' } as const;
    expect(connectionMessage(expired, server, en)).toBe(en('denied.token'));
  });

  it('remembers the last server URL that synced, apart from the settings', async () => {
    expect(await loadReachedServer()).toBeNull();
    await markServerReached(url);
    expect(await loadReachedServer()).toBe(url);
  });
});
