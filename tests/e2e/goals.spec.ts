import { mkdtempSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import { putGoal, readGoalDoc } from '@firstline/core/docs/goal-docs';
import { launchWithExtension, openPanel, type ExtensionBrowser } from '../support/extension.ts';
import { freePort, importDemoOrg, ServerProcess } from '../support/server-process.ts';

/**
 * Goals end to end, in real Chromium with the built extension, against the real server process:
 * the demo organisation's sales department head (Omar Haddad) and two of his team managers (Lucas
 * Moreau, Field Sales North; Aisha Bello, Inside Sales) decompose the company's revenue goal at the
 * same time. Aisha's browser loses the server for part of it and catches up; Lucas's private goal
 * reaches his manager but never Aisha; bad values typed in the editor get a message and break
 * nothing else.
 */

const SECRET = 'e2e-goals-secret-that-is-long-enough-for-hs256';
const ORG = 'demo';
const OMAR = 'p-D002';
const LUCAS = 'p-D004';
const AISHA = 'p-D005';
const NORTH = 'team-sales-field-sales-north';
const INSIDE = 'team-sales-inside-sales';
const COMPANY_GOAL = `${ORG}:g:revenue-2026`;

async function token(personId: string, role: 'member' | 'hr'): Promise<string> {
  return new SignJWT({ org: ORG, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

/**
 * A TCP relay in front of the server, one per browser, so one browser can lose the network while
 * the others keep it (Chromium's offline emulation does not cut an open WebSocket).
 */
class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  /** Drops every connection and stops accepting new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/** A Node y-websocket client, for the HR steps that have no screen in this test. */
async function nodeDoc(serverUrl: string, name: string, jwt: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace('http', 'ws')}/sync`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: jwt },
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return { doc, provider };
}

/** Waits until the server holds what `doc` holds (its state vector is acknowledged by a reread). */
async function flushed(serverUrl: string, name: string, jwt: string, check: (d: Y.Doc) => boolean) {
  await expect
    .poll(async () => {
      const { doc, provider } = await nodeDoc(serverUrl, name, jwt);
      const done = check(doc);
      provider.destroy();
      return done;
    })
    .toBe(true);
}

function node(page: Page, goalId: string) {
  return page.locator(`[data-testid="goal-node"][data-goal-id="${goalId}"]`);
}

/** The id of the goal a team owns under the company goal, as shown in a panel. */
async function teamGoalId(page: Page, unit: string): Promise<string> {
  const row = page.locator(
    `[data-testid="goal-node"][data-doc="org/${ORG}/team/${unit}"][data-parent-id="${COMPANY_GOAL}"]`,
  );
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-goal-id')) as string;
}

async function openGoals(page: Page): Promise<void> {
  await page.getByTestId('nav-goals').click();
  await expect(node(page, COMPANY_GOAL)).toHaveCount(1);
}

async function select(page: Page, goalId: string): Promise<void> {
  await node(page, goalId).getByTestId('goal-row').first().click();
  await expect(page.getByTestId('goal-detail')).toHaveAttribute('data-goal-id', goalId);
}

test.describe('goals: decomposing the company goal together', () => {
  let server: ServerProcess;
  const browsers: ExtensionBrowser[] = [];
  const relays: Relay[] = [];

  test.beforeAll(async () => {
    server = new ServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'fl-goals-')), SECRET);
    await server.start();
    const hr = await token('p-D022', 'hr');
    const imported = await importDemoOrg(server.url, ORG, hr, ['--json']);
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);

    // The demo file names no unit heads; HR records them, as it would after the import.
    const dir = await nodeDoc(server.url, `org/${ORG}/directory`, hr);
    const units = dir.doc.getMap<Record<string, unknown>>(DIRECTORY_MAPS.units);
    dir.doc.transact(() => {
      for (const [unit, head] of [
        ['company', 'p-D001'],
        ['dept-sales', OMAR],
        [NORTH, LUCAS],
        [INSIDE, AISHA],
      ] as const) {
        units.set(unit, { ...units.get(unit), headId: head });
      }
    });
    // HR sets the company goal in the strategy document.
    const strategy = await nodeDoc(server.url, `org/${ORG}/strategy`, hr);
    const put = putGoal(
      strategy.doc,
      { docName: `org/${ORG}/strategy`, org: ORG, private: false },
      {
        id: COMPANY_GOAL,
        title: 'Revenue 2026',
        owner: { kind: 'unit', id: 'company' },
        parentId: null,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        metric: {
          unit: 'CNY',
          start: 10_000_000,
          target: 12_000_000,
          current: null,
          direction: 'increase',
        },
      },
      { now: Date.now() },
    );
    expect(put.ok).toBe(true);
    await flushed(
      server.url,
      `org/${ORG}/strategy`,
      hr,
      (d) => readGoalDoc(d, '').goals.length === 1,
    );
    await flushed(
      server.url,
      `org/${ORG}/directory`,
      hr,
      (d) => d.getMap<{ headId: string }>(DIRECTORY_MAPS.units).get(INSIDE)?.headId === AISHA,
    );
    dir.provider.destroy();
    strategy.provider.destroy();
  });

  test.afterAll(async () => {
    for (const b of browsers) await b.close();
    for (const r of relays) await r.cut();
    await server.stop();
  });

  test('three managers decompose one company goal; offline catch-up; private stays private; bad values are explained', async () => {
    test.setTimeout(240_000);
    const panels: Page[] = [];
    const relayOf: Relay[] = [];
    for (const person of [OMAR, LUCAS, AISHA]) {
      const relay = new Relay(await freePort(), server.port);
      await relay.open();
      relays.push(relay);
      relayOf.push(relay);
      const browser = await launchWithExtension();
      browsers.push(browser);
      const panel = await openPanel(browser, relay.url, await token(person, 'member'));
      await openGoals(panel);
      panels.push(panel);
    }
    const [omar, lucas, aisha] = panels as [Page, Page, Page];

    // 1. The department head splits the company goal over his two teams by headcount.
    await select(omar, COMPANY_GOAL);
    await omar.getByTestId('goal-decompose').click();
    for (const id of await omar
      .getByTestId('wizard-recipient')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))) {
      if (id !== NORTH && id !== INSIDE) {
        await omar.locator(`[data-testid="wizard-recipient"][data-id="${id}"]`).uncheck();
      }
    }
    await expect(omar.getByTestId('wizard-part')).toHaveCount(2);
    // 5 and 4 people: 12,000,000 x 5/9 = 6,666,666.67 rounds to 6,666,667 (the left-over unit).
    await expect(
      omar.locator(
        `[data-testid="wizard-part"][data-id="${NORTH}"] [data-testid="wizard-part-target"]`,
      ),
    ).toHaveText('6666667');
    await expect(
      omar.locator(
        `[data-testid="wizard-part"][data-id="${INSIDE}"] [data-testid="wizard-part-target"]`,
      ),
    ).toHaveText('5333333');
    await expect(omar.getByTestId('wizard-step').filter({ hasText: 'left-over' })).toHaveCount(1);
    await expect(omar.getByTestId('wizard-growth')).toContainText('%');
    await omar.getByTestId('wizard-create').click();

    const northGoal = await teamGoalId(lucas, NORTH);
    const insideGoal = await teamGoalId(aisha, INSIDE);
    await expect(node(omar, northGoal)).toHaveCount(1);

    // 2. Presence: Lucas opens his team goal in the editor; Omar sees him on that goal.
    await select(lucas, northGoal);
    await lucas.getByTestId('goal-edit').click();
    await expect(
      node(omar, northGoal).locator(`[data-testid="goal-presence"][data-person-id="${LUCAS}"]`),
    ).toHaveCount(1);
    await lucas.getByTestId('goal-cancel').click();
    await expect(node(omar, northGoal).getByTestId('goal-presence')).toHaveCount(0);

    // 3. Aisha loses the server; she splits her team goal over her people meanwhile, while Lucas
    //    splits his and Omar records progress on Aisha's team goal.
    await relayOf[2]!.cut();
    await expect(aisha.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline', {
      timeout: 30_000,
    });
    await select(aisha, insideGoal);
    await aisha.getByTestId('goal-decompose').click();
    await expect(aisha.getByTestId('wizard-part')).toHaveCount(4);
    await aisha.getByTestId('wizard-create').click();
    await expect(
      aisha.locator(`[data-testid="goal-node"][data-parent-id="${insideGoal}"]`),
    ).toHaveCount(4);

    await select(lucas, northGoal);
    await lucas.getByTestId('goal-decompose').click();
    await expect(lucas.getByTestId('wizard-part')).toHaveCount(5);
    await lucas.getByTestId('wizard-create').click();
    await expect(
      omar.locator(`[data-testid="goal-node"][data-parent-id="${northGoal}"]`),
    ).toHaveCount(5);

    await select(omar, insideGoal);
    await omar.getByTestId('goal-edit').click();
    await omar.getByTestId('goal-field-title').fill('Inside Sales revenue 2026');
    await omar.getByTestId('goal-save').click();
    await expect(node(omar, insideGoal).getByTestId('goal-title').first()).toContainText(
      'Inside Sales revenue 2026',
    );
    // Omar does not see Aisha's offline work yet.
    await expect(
      omar.locator(`[data-testid="goal-node"][data-parent-id="${insideGoal}"]`),
    ).toHaveCount(0);

    // 4. Aisha is back: both sides catch up.
    await relayOf[2]!.open();
    await expect(
      omar.locator(`[data-testid="goal-node"][data-parent-id="${insideGoal}"]`),
    ).toHaveCount(4, {
      timeout: 30_000,
    });
    await expect(node(aisha, insideGoal).getByTestId('goal-title').first()).toContainText(
      'Inside Sales revenue 2026',
      { timeout: 30_000 },
    );
    // Aisha's four people goals survived the trip and Lucas's team stays out of her view.
    await expect(
      aisha.locator(`[data-testid="goal-node"][data-parent-id="${insideGoal}"]`),
    ).toHaveCount(4);
    await expect(
      aisha.locator(`[data-testid="goal-node"][data-parent-id="${northGoal}"]`),
    ).toHaveCount(0);

    // 5. Lucas writes a private goal: his manager sees it, his peer Aisha never does.
    const secret = 'Private: coaching plan for Daniel';
    await lucas.getByTestId('goal-new').click();
    await lucas.getByTestId('goal-field-title').fill(secret);
    await lucas.getByTestId('goal-field-owner').selectOption(`person:${LUCAS}`);
    await lucas.getByTestId('goal-field-visibility').selectOption('private');
    await lucas.getByTestId('goal-field-parent').fill(northGoal);
    await lucas.getByTestId('goal-field-start').fill('0');
    await lucas.getByTestId('goal-field-target').fill('6');
    await lucas.getByTestId('goal-save').click();
    const privateRow = lucas.locator('[data-testid="goal-node"][data-visibility="private"]');
    await expect(privateRow.getByTestId('goal-title').first()).toContainText(secret);
    await expect(privateRow).toHaveAttribute('data-doc', `org/${ORG}/person/${LUCAS}/private`);
    await expect(omar.getByTestId('goal-title').filter({ hasText: secret })).toHaveCount(1);
    await aisha.waitForTimeout(1000);
    await expect(aisha.getByTestId('goal-title').filter({ hasText: secret })).toHaveCount(0);
    expect(await aisha.content()).not.toContain('coaching plan for Daniel');
    // Asking the server directly with Aisha's token is refused too.
    const aishaToken = await token(AISHA, 'member');
    const denied = await new Promise<number>((resolve) => {
      setTimeout(() => resolve(-2), 10_000);
      const ws = new WebSocket(
        `${server.url.replace('http', 'ws')}/sync/org/${ORG}/person/${LUCAS}/private?token=${aishaToken}`,
      );
      ws.on('close', (code) => resolve(code));
      ws.on('error', () => resolve(-1));
    });
    expect(denied).toBe(4403);

    // 6. Bad values typed in the editor (by Omar, who sees both sibling team goals): each is
    //    explained, and nothing else breaks.
    const before = await lucas.getByTestId('goal-node').count();
    await select(omar, northGoal);
    await omar.getByTestId('goal-edit').click();
    const issue = (code: string) => omar.locator(`[data-testid="goal-issue"][data-code="${code}"]`);
    await omar.getByTestId('goal-field-target').fill('6666667');
    await omar.getByTestId('goal-field-start').fill('6666667');
    await expect(issue('target-equals-start')).toHaveCount(1);
    await expect(omar.getByTestId('goal-save')).toBeEnabled();
    await omar.getByTestId('goal-field-start').fill('5555556');
    await expect(issue('target-equals-start')).toHaveCount(0);
    // Inside Sales holds 44.44, so 55.55 makes 99.99 and 75.56 makes 120.
    await omar.getByTestId('goal-field-weight').fill('55.55');
    await expect(issue('weights-sum-not-100')).toContainText('99.99');
    await omar.getByTestId('goal-field-weight').fill('75.56');
    await expect(issue('weights-sum-not-100')).toContainText('120');
    await omar.getByTestId('goal-field-weight').fill('55.56');
    await expect(issue('weights-sum-not-100')).toHaveCount(0);
    await omar.getByTestId('goal-field-period-end').fill('2025-06-30');
    await expect(issue('period-reversed')).toHaveCount(1);
    await expect(omar.getByTestId('goal-save')).toBeDisabled();
    await omar.getByTestId('goal-field-period-end').fill('2026-12-31');
    await omar.getByTestId('goal-field-parent').fill('globex:g:revenue');
    await expect(issue('parent-other-org')).toContainText('globex');
    await expect(omar.getByTestId('goal-save')).toBeDisabled();
    await omar.getByTestId('goal-cancel').click();
    await expect(node(omar, northGoal)).toHaveAttribute('data-parent-id', COMPANY_GOAL);
    await expect(lucas.getByTestId('goal-node')).toHaveCount(before);
    // The panel still works after all that: a progress check-in goes through and reaches Omar.
    const firstPerson = (await lucas
      .locator(`[data-testid="goal-node"][data-parent-id="${northGoal}"]`)
      .first()
      .getAttribute('data-goal-id')) as string;
    await select(lucas, firstPerson);
    await lucas.getByTestId('goal-progress-input').fill('1851852');
    await lucas.getByTestId('goal-progress-save').click();
    await expect(node(omar, firstPerson).getByTestId('goal-progress').first()).not.toHaveText('–');
  });
});
