import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { SignJWT } from 'jose';
import { translator } from '../i18n/i18n.ts';
import { SettingsForm } from './settings-form.tsx';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

async function token(): Promise<string> {
  return new SignJWT({ org: 'demo', role: 'member' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('p-D006')
    .sign(new TextEncoder().encode('test-secret-test-secret-test-secret'));
}

function show(tok: string, personName: string | null, nameLoading: boolean): string {
  render(
    <SettingsForm
      settings={{ serverUrl: 'http://127.0.0.1:8787', token: tok, language: 'en' }}
      personName={personName}
      nameLoading={nameLoading}
      t={translator('en')}
      onSave={async () => undefined}
      onOpenHr={() => undefined}
    />,
    host,
  );
  return host.querySelector('[data-testid="settings-identity"]')?.textContent ?? '';
}

describe('settings identity line (user test)', () => {
  it('shows the name when known, otherwise the id marked as loading', async () => {
    const tok = await token();
    expect(show(tok, 'Dana Lee', false)).toBe('Signed in as Dana Lee in demo (member)');
    expect(show(tok, null, true)).toBe('Signed in as p-D006 (loading the name…) in demo (member)');
    // Loaded, but the person is not in the directory: the id alone, not "loading" forever.
    expect(show(tok, null, false)).toBe('Signed in as p-D006 in demo (member)');
  });
});
