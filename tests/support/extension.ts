import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { repoRoot } from '@firstline/fixtures';
import { findChromium } from './browser.ts';

/** The Chrome build of the extension; `npm test` builds it before Playwright runs. */
export const EXTENSION_DIR = join(repoRoot, 'extension/.output/chrome-mv3');

/** A browser profile with the built extension loaded, as a manager's own Chromium would have. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Launches real Chromium with the unpacked extension in a fresh profile. */
export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'firstline-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 420, height: 860 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, close: () => context.close() };
}

/** Opens the side panel page in a tab and signs in with a server URL and token. */
export async function openPanel(
  browser: ExtensionBrowser,
  serverUrl: string,
  token: string,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await page.getByTestId('settings-server-url').fill(serverUrl);
  await page.getByTestId('settings-token').fill(token);
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-saved').waitFor();
  await page.getByTestId('nav-back').click();
  return page;
}
