import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Worker } from '@playwright/test';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { makeGoalId, putGoal, setGoalDeleted } from '@firstline/core/docs/goal-docs';
import { checkInsMap } from '@firstline/core/docs/coaching-docs-check-ins';
import { readCoachingLog } from '@firstline/core/docs/coaching-docs-log';
import { launchWithExtension, openPanel, type ExtensionBrowser } from '../support/extension.ts';
import { freePort, ServerProcess } from '../support/server-process.ts';

/** The parts of the extension API these tests call inside the service worker. */
declare const chrome: {
  notifications: {
    create(id: string, options: { title: string }): unknown;
    getAll(): Promise<Record<string, unknown>>;
  };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
};

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256';
const ORG = 'acme';
const DAY = 86_400_000;

async function token(personId: string, role: 'member' | 'hr' = 'member'): Promise<string> {
  return new SignJWT({ org: ORG, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Opens one document on the server as a Node client (a second device), runs `edit`, and waits a
 * moment for the update to be sent. Resolves with the close code when the server refuses it.
 */
async function withDoc(
  serverUrl: string,
  name: string,
  jwt: string,
  edit: (doc: Y.Doc) => void = () => undefined,
): Promise<{ doc: Y.Doc; refused: number | null }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace('http', 'ws')}/sync`, name, doc, {
    params: { token: jwt },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    shouldReconnect: (event: CloseEvent) => event.code < 4000,
  } as never);
  const refused = await new Promise<number | null>((resolve) => {
    provider.on('sync', (synced: boolean) => synced && resolve(null));
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4000) resolve(event.code);
    });
  });
  if (refused === null) {
    edit(doc);
    await new Promise((r) => setTimeout(r, 400));
  }
  provider.destroy();
  return { doc, refused };
}

const people = {
  m1: { name: 'Mina Manager', managerId: null },
  e1: { name: 'Eli Lagging', managerId: 'm1' },
  e2: { name: 'Ana Ahead', managerId: 'm1' },
};

test.describe('coaching', () => {
  let server: ServerProcess;
  const browsers: ExtensionBrowser[] = [];
  const goalE1 = makeGoalId(ORG, 'sales-e1');
  const goalE2 = makeGoalId(ORG, 'sales-e2');

  test.beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'firstline-coaching-'));
    server = new ServerProcess(await freePort(), dataDir, SECRET);
    await server.start();
    await withDoc(server.url, `org/${ORG}/directory`, await token('hr-1', 'hr'), (doc) => {
      doc.getMap('meta').set('org', { id: ORG, name: 'Acme', timeZone: 'UTC', locale: 'en' });
      doc
        .getMap('units')
        .set('u1', { id: 'u1', name: 'Sales', kind: 'team', parentId: null, headId: 'm1' });
      for (const [id, p] of Object.entries(people)) {
        doc.getMap('people').set(id, {
          id,
          externalId: null,
          name: p.name,
          email: null,
          title: '',
          jobFamily: '',
          unitId: 'u1',
          regionId: null,
          managerId: p.managerId,
          status: 'active',
          hiredOn: null,
          leftOn: null,
        });
      }
    });
    // A period that started 60 days ago and ends in 120: about a third should be done by now.
    const now = Date.now();
    const target = { docName: `org/${ORG}/team/u1`, org: ORG, private: false };
    await withDoc(server.url, target.docName, await token('m1'), (doc) => {
      for (const [id, owner, value] of [
        [goalE1, 'e1', 5],
        [goalE2, 'e2', 60],
      ] as const) {
        const put = putGoal(
          doc,
          target,
          {
            id,
            title: `Q sales ${owner}`,
            owner: { kind: 'person', id: owner },
            parentId: null,
            periodStart: isoDay(now - 60 * DAY),
            periodEnd: isoDay(now + 120 * DAY),
            kind: 'metric',
            metric: { unit: 'k$', start: 0, target: 100, current: null, direction: 'increase' },
          },
          { now },
        );
        expect(put.ok).toBe(true);
        checkInsMap(doc).set(`ci-${owner}`, {
          id: `ci-${owner}`,
          goalId: id,
          keyResultId: null,
          at: new Date(now - DAY).toISOString(),
          value,
          confidence: 0.7,
          note: '',
          blockers: [],
          authorId: owner,
        });
      }
    });
  });

  test.afterAll(async () => {
    for (const b of browsers) await b.close();
    await server.stop();
  });

  async function workerOf(b: ExtensionBrowser): Promise<Worker> {
    return b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
  }

  test('an alarm notifies about the lagging person; the click opens them; the log entry is evidence on the goal and hidden from the employee', async () => {
    const a = await launchWithExtension();
    browsers.push(a);
    const panel = await openPanel(a, server.url, await token('m1'));
    await panel.getByTestId('nav-coaching').click();
    await expect(panel.getByTestId('reminder')).toHaveCount(1);
    await expect(panel.getByTestId('pace-person').first()).toHaveAttribute('data-person-id', 'e1');
    await expect(panel.getByTestId('team-chart')).toBeVisible();

    const worker = await workerOf(a);
    // Observe notifications as the worker creates them (the real API still runs).
    await worker.evaluate(() => {
      const g = globalThis as unknown as { created: { id: string; title: string }[] };
      g.created = [];
      const api = chrome.notifications;
      const original = api.create.bind(api) as (...args: unknown[]) => unknown;
      (api as unknown as { create: unknown }).create = (id: string, options: { title: string }) => {
        g.created.push({ id, title: options.title });
        return original(id, options);
      };
    });
    // Fire the real alarm: its listener runs the check from IndexedDB and the server.
    await worker.evaluate(() =>
      chrome.alarms.create('firstline-reminders', { when: Date.now() + 100 }),
    );
    await expect
      .poll(
        () =>
          worker.evaluate(() => (globalThis as unknown as { created: unknown[] }).created.length),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const created = await worker.evaluate(
      () => (globalThis as unknown as { created: { id: string; title: string }[] }).created,
    );
    expect(created[0]?.id).toMatch(/^firstline\|e1\|behind-pace\|e1\|/);
    expect(created[0]?.title).toBe('Eli Lagging');
    const shown = await worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(shown)).toContain(created[0]?.id);

    // A later check notifies nothing new: the reminder was already notified (kept in prefs).
    // The first call may join the check the alarm started (one check at a time); the second
    // is a fresh one.
    const runAgain = () =>
      worker.evaluate(() =>
        (
          globalThis as unknown as {
            firstlineBackground: {
              runReminders(): Promise<{ notified: string[]; reminders: unknown[] }>;
            };
          }
        ).firstlineBackground.runReminders(),
      );
    await runAgain();
    const again = await runAgain();
    expect(again.reminders).toHaveLength(1);
    expect(again.notified).toEqual([]);

    // The notification's click handler opens the panel on that person.
    await worker.evaluate(
      (id) =>
        (
          globalThis as unknown as {
            firstlineBackground: { onNotificationClicked(id: string): Promise<void> };
          }
        ).firstlineBackground.onNotificationClicked(id),
      created[0]?.id ?? '',
    );
    await expect(panel.getByTestId('person-detail')).toHaveAttribute('data-person-id', 'e1');

    // Log the coaching conversation against the goal; it shows as evidence on the goal.
    const form = panel.getByTestId('coaching-form');
    await form.locator(`[data-testid="coaching-goal"][value="${goalE1}"]`).check();
    await form.getByTestId('coaching-topic').fill('Pipeline review: 28 points behind');
    await form.getByTestId('coaching-discussed').fill('Two big deals slipped to next quarter');
    await form.getByTestId('coaching-agreed').fill('Daily pipeline check for two weeks');
    await form.getByTestId('coaching-save').click();
    const goalBlock = panel.locator(`[data-testid="person-goal"][data-goal-id="${goalE1}"]`);
    await expect(goalBlock.getByTestId('coaching-entry')).toContainText('Pipeline review');

    // The server holds it for the manager, and refuses the document to the employee.
    await expect
      .poll(async () => {
        const { doc } = await withDoc(
          server.url,
          `org/${ORG}/person/e1/coaching`,
          await token('m1'),
        );
        return readCoachingLog(doc).entries.map((e) => e.topic);
      })
      .toEqual(['Pipeline review: 28 points behind']);
    const employee = await withDoc(server.url, `org/${ORG}/person/e1/coaching`, await token('e1'));
    expect(employee.refused).toBe(4403);
    expect(readCoachingLog(employee.doc).entries).toEqual([]);
  });

  test('bad check-ins get a clear message and keep what was typed', async () => {
    const a = await launchWithExtension();
    browsers.push(a);
    const panel = await openPanel(a, server.url, await token('m1'));
    await panel.locator('[data-testid="team-member"][data-person-id="e2"]').click();
    const goal = panel.locator(`[data-testid="person-goal"][data-goal-id="${goalE2}"]`);
    await goal.locator('summary').click();
    const form = goal.getByTestId('check-in-form');

    await form.getByTestId('check-in-value').fill('sixty-two');
    await form.getByTestId('check-in-save').click();
    await expect(form.getByTestId('check-in-error')).toHaveAttribute(
      'data-reason',
      'value-not-a-number',
    );
    await expect(form.getByTestId('check-in-value')).toHaveValue('sixty-two');

    await form.getByTestId('check-in-value').fill('62');
    await form.getByTestId('check-in-date').fill('2099-01-15');
    await form.getByTestId('check-in-save').click();
    await expect(form.getByTestId('check-in-error')).toHaveAttribute('data-reason', 'far-future');
    await expect(form.getByTestId('check-in-value')).toHaveValue('62');

    // Another device deletes the goal while the value is typed: the save says so, the value stays.
    await form.getByTestId('check-in-date').fill(isoDay(Date.now()));
    await withDoc(server.url, `org/${ORG}/team/u1`, await token('m1'), (doc) => {
      expect(setGoalDeleted(doc, goalE2, true).ok).toBe(true);
    });
    await expect(goal).toHaveAttribute('data-deleted', 'true');
    await form.getByTestId('check-in-save').click();
    await expect(form.getByTestId('check-in-error')).toHaveAttribute('data-reason', 'goal-deleted');
    await expect(form.getByTestId('check-in-value')).toHaveValue('62');
    const { doc } = await withDoc(server.url, `org/${ORG}/team/u1`, await token('m1'));
    expect([...checkInsMap(doc).keys()].sort()).toEqual(['ci-e1', 'ci-e2']);
  });
});
