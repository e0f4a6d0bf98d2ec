import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { launchWithExtension, openPanel, type ExtensionBrowser } from '../support/extension.ts';
import { freePort, importDemoOrg, ServerProcess } from '../support/server-process.ts';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256';
const ORG = 'demo';
/** Jonas Weber in the demo organisation: four reports, so the header shows every button. */
const MANAGER = 'p-D006';

async function token(personId: string, role: 'member' | 'hr'): Promise<string> {
  return new SignJWT({ org: ORG, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

/** Page width against the viewport, and whether the settings gear is fully on screen. */
async function fit(page: Page): Promise<{ scroll: number; view: number; gearRight: number }> {
  return page.evaluate(() => {
    const gear = document.querySelector('[data-testid="nav-settings"]') as HTMLElement;
    return {
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      gearRight: gear.getBoundingClientRect().right,
    };
  });
}

test.describe('side panel layout (user test: header overflowed at 420px)', () => {
  let server: ServerProcess;
  let browser: ExtensionBrowser;

  test.beforeAll(async () => {
    server = new ServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'fl-layout-')), SECRET);
    await server.start();
    const imported = await importDemoOrg(server.url, ORG, await token('hr-admin', 'hr'));
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);
    browser = await launchWithExtension();
  });

  test.afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every screen fits 320-420px without horizontal scroll; Back stays on one line', async () => {
    const page = await openPanel(browser, server.url, await token(MANAGER, 'member'));
    await expect(page.getByTestId('team-member').first()).toBeVisible();
    const screens: [string, () => Promise<void>][] = [
      ['team', async () => undefined],
      ['person', () => page.getByTestId('team-member').first().click()],
      ['goals', () => page.getByTestId('nav-goals').click()],
      ['coaching', () => page.getByTestId('nav-coaching').click()],
      ['reviews', () => page.getByTestId('nav-reviews').click()],
      ['settings', () => page.getByTestId('nav-settings').click()],
    ];
    for (const [name, open] of screens) {
      await page.setViewportSize({ width: 420, height: 800 });
      await open();
      for (const width of [420, 360, 320]) {
        await page.setViewportSize({ width, height: 800 });
        const m = await fit(page);
        expect(m.scroll, `${name} at ${width}px`).toBeLessThanOrEqual(m.view);
        expect(m.gearRight, `${name} gear at ${width}px`).toBeLessThanOrEqual(m.view);
        if (name !== 'team') {
          const back = await page.getByTestId('nav-back').boundingBox();
          expect(back?.height ?? 0, `${name} Back on one line`).toBeLessThan(30);
        }
      }
    }
  });
});
