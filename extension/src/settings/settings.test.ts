import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { loadSettings, saveSettings, settingsFrom, watchSettings } from './settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults to empty server fields and the UI language', () => {
    expect(settingsFrom(undefined, 'zh-CN')).toEqual({
      serverUrl: '',
      token: '',
      language: 'zh-CN',
    });
    expect(settingsFrom({ language: 'klingon', token: 5 }, 'en-US')).toEqual({
      serverUrl: '',
      token: '',
      language: 'en',
    });
  });

  it('saves to browser.storage.local, loads back and notifies watchers', async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.serverUrl));
    await saveSettings({ serverUrl: ' http://localhost:8787 ', token: 'abc', language: 'zh-CN' });
    expect(await loadSettings()).toEqual({
      serverUrl: 'http://localhost:8787',
      token: 'abc',
      language: 'zh-CN',
    });
    expect(seen).toEqual(['http://localhost:8787']);
    stop();
  });

  it('returns the trimmed settings it stored, so a pasted token is used as stored (user test)', async () => {
    const saved = await saveSettings({
      serverUrl: 'http://127.0.0.1:8787',
      token: '  eyJ.token.sig\n',
      language: 'en',
    });
    expect(saved.token).toBe('eyJ.token.sig');
    expect((await loadSettings()).token).toBe('eyJ.token.sig');
  });
});
