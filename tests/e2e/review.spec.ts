import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { sharedDataPath } from '@firstline/fixtures';
import { launchWithExtension, openPanel, type ExtensionBrowser } from '../support/extension.ts';
import { freePort, runCli, ServerProcess } from '../support/server-process.ts';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256';
const ORG = 'dental';
const HR_FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');

// Eric Dougall manages four active IT/IS employees in the file. With two peers per person taken
// in id order (SPEC C3.2), the first of them is reviewed by the next two.
const MANAGER = 'emp-10028';
const EMPLOYEE = 'emp-10008'; // Leonara Lindsay
const PEER_1 = 'emp-10119'; // Julia Soto
const PEER_2 = 'emp-10220'; // Rick Clayton
const TEAM_LABEL = 'IT/IS (Eric Dougall)';

async function token(personId: string, role: 'member' | 'hr'): Promise<string> {
  return new SignJWT({ org: ORG, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

/**
 * Opens a raw WebSocket from the page to one document, as any script in that browser could, and
 * answers how the server treated it: "open" once it sends the first sync message, or the close
 * code (4403: not allowed). This is what stops a peer from reading another peer's review even
 * with a hand-made client.
 */
async function probe(page: Page, serverUrl: string, jwt: string, doc: string): Promise<string> {
  const url = `${serverUrl.replace('http', 'ws')}/sync/${doc}?token=${jwt}`;
  return page.evaluate(
    (u) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u);
        const timer = setTimeout(() => resolve('timeout'), 10_000);
        ws.onmessage = () => {
          clearTimeout(timer);
          ws.close();
          resolve('open');
        };
        ws.onclose = (e) => {
          clearTimeout(timer);
          resolve(String(e.code));
        };
      }),
    url,
  );
}

async function openReviews(b: ExtensionBrowser, serverUrl: string, jwt: string): Promise<Page> {
  const page = await openPanel(b, serverUrl, jwt);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'synced');
  await page.getByTestId('nav-reviews').click();
  await expect(page.getByTestId('review-app')).toBeVisible();
  return page;
}

async function writeReview(page: Page, group: string, rating: string, text: string): Promise<void> {
  await page
    .locator(`[data-testid="review-todo"][data-ratee="${EMPLOYEE}"][data-group="${group}"]`)
    .click();
  const form = page.getByTestId('review-form');
  await expect(form).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('review-rating').fill(rating);
  await page.getByTestId('review-strengths').fill(text);
  await page.getByTestId('review-submit').click();
  // Submitting locks the review, so the form asks first, naming the rating as read.
  await expect(page.getByTestId('review-submitted')).toHaveCount(0);
  await expect(page.getByTestId('review-submit-confirm-box')).toContainText(
    rating.replace(',', '.'),
  );
  await page.getByTestId('review-submit-confirm').click();
  await expect(page.getByTestId('review-submitted')).toBeVisible();
  await page.getByTestId('review-home').click();
}

test.describe('review cycle end to end', () => {
  let server: ServerProcess;
  const browsers: ExtensionBrowser[] = [];

  test.beforeAll(async () => {
    server = new ServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'fl-review-')), SECRET);
    await server.start();
    const imported = await runCli([
      'import',
      HR_FILE,
      '--profile',
      'hr-dataset-v14',
      '--org',
      ORG,
      '--server',
      server.url,
      '--token',
      await token('hr-admin', 'hr'),
      '--json',
    ]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);
  });

  test.afterAll(async () => {
    for (const b of browsers) await b.close();
    await server.stop();
  });

  test('manager, employee and two peers: private reviews, released report, reply reaches the manager', async () => {
    test.setTimeout(240_000);
    const launch = async (): Promise<ExtensionBrowser> => {
      const b = await launchWithExtension();
      browsers.push(b);
      return b;
    };
    const jwt = {
      hr: await token('hr-admin', 'hr'),
      manager: await token(MANAGER, 'member'),
      employee: await token(EMPLOYEE, 'member'),
      peer1: await token(PEER_1, 'member'),
      peer2: await token(PEER_2, 'member'),
    };

    // HR creates the cycle for Eric Dougall's team, creates every scorecard, opens the reviews.
    const hrBrowser = await launch();
    const hr = await openReviews(hrBrowser, server.url, jwt.hr);
    // Without a chosen scale nothing is created; for one team no further confirmation is asked.
    await hr.getByTestId('cycle-unit').selectOption({ label: TEAM_LABEL });
    await hr.getByTestId('cycle-create-submit').click();
    await expect(hr.getByTestId('cycle-create-error')).toBeVisible();
    await expect(hr.getByTestId('cycle')).toHaveCount(0);
    await hr.getByTestId('cycle-scale').selectOption('five-star');
    await hr.getByTestId('cycle-create-submit').click();
    const cycle = hr.getByTestId('cycle');
    await expect(cycle).toHaveCount(1);
    const cycleId = (await cycle.getAttribute('data-cycle-id'))!;
    await hr.getByTestId('cycle-create-cards').click();
    await expect(hr.getByTestId('cycle-cards-created')).toHaveAttribute('data-count', '4', {
      timeout: 60_000,
    });
    for (const phase of ['mid-year', 'self-review', 'peer-manager-review']) {
      await hr.getByTestId('cycle-advance').click();
      await expect(hr.getByTestId('cycle-advance-confirm-box')).toBeVisible();
      await hr.getByTestId('cycle-advance-confirm').click();
      await expect(cycle).toHaveAttribute('data-phase', phase);
    }
    await hrBrowser.close();
    browsers.splice(browsers.indexOf(hrBrowser), 1);

    const doc = {
      card: `org/${ORG}/cycle/${cycleId}/scorecard/${EMPLOYEE}`,
      review: (rater: string) => `org/${ORG}/cycle/${cycleId}/review/${EMPLOYEE}/${rater}`,
    };

    // Two peers, each in their own browser, review the employee.
    const peer1 = await openReviews(await launch(), server.url, jwt.peer1);
    await writeReview(peer1, 'peers', '4', 'Always helps the team out');
    const peer2 = await openReviews(await launch(), server.url, jwt.peer2);
    await writeReview(peer2, 'peers', '3,5', 'Clear tickets');

    // Neither peer can open the other's review, submitted or not; the employee cannot either.
    expect(await probe(peer1, server.url, jwt.peer1, doc.review(PEER_2))).toBe('4403');
    expect(await probe(peer2, server.url, jwt.peer2, doc.review(PEER_1))).toBe('4403');

    // The employee writes the self review and has no report yet.
    const employee = await openReviews(await launch(), server.url, jwt.employee);
    await writeReview(employee, 'self', '4.5', 'Migrated the help desk');
    expect(await probe(employee, server.url, jwt.employee, doc.review(PEER_1))).toBe('4403');
    await employee.getByTestId('review-mine').click();
    await expect(employee.getByTestId('my-feedback-pending')).toBeVisible();
    expect(await probe(employee, server.url, jwt.employee, doc.card)).toBe('4403');

    // The manager reviews, sees submitted peer reviews as a group, scores, reports and sends.
    const manager = await openReviews(await launch(), server.url, jwt.manager);
    expect(await probe(manager, server.url, jwt.manager, doc.review(PEER_1))).toBe('open');
    await writeReview(manager, 'manager', '3.75', 'Reliable');
    await manager.locator(`[data-testid="review-card-open"][data-person-id="${EMPLOYEE}"]`).click();
    await expect(manager.getByTestId('scorecard')).toBeVisible();
    await expect(
      manager.locator('[data-testid="card-review"][data-state="submitted"]'),
    ).toHaveCount(4);
    await manager.getByTestId('card-fill').click();
    const projects = manager.locator('[data-testid="card-indicator"][data-key="special-projects"]');
    await projects.getByTestId('card-actual').fill('3');
    await projects.getByTestId('card-actual').press('Enter');
    await projects.getByTestId('card-actual').blur();
    await expect(projects.getByTestId('card-indicator-score')).toHaveText('3.00');
    await expect(manager.locator('[data-testid="card-group"][data-group="peers"]')).toContainText(
      '3.75 (2)',
    );
    await expect(manager.getByTestId('card-final')).toHaveText(/^\d\.\d\d$/);
    await manager.getByTestId('card-submit').click();
    await expect(manager.getByTestId('card-submitted')).toBeVisible();
    await manager.getByTestId('report-generate').click();
    const draft = manager.getByTestId('report-draft');
    await expect(draft).toHaveValue(/Hello Leonara/);
    const edited = `${await draft.inputValue()}\nThank you for the help desk migration. Eric`;
    await draft.fill(edited);
    // A saved draft is still not the employee's to read.
    expect(await probe(employee, server.url, jwt.employee, doc.card)).toBe('4403');
    await manager.getByTestId('report-send').click();
    await expect(manager.getByTestId('report-sent')).toBeVisible();

    // The employee now reads the released report (with the manager's edit), replies, acknowledges.
    await employee.getByTestId('review-home').click();
    await employee.getByTestId('review-mine').click();
    const body = employee.getByTestId('my-report-body');
    await expect(body).toContainText('Thank you for the help desk migration. Eric');
    await expect(body).toContainText('Hello Leonara');
    await expect(body).not.toContainText('Always helps the team out');
    await employee.getByTestId('thread-input').fill('Thanks Eric, I will take the course.');
    await employee.getByTestId('thread-send').click();
    await employee.getByTestId('feedback-acknowledge').click();
    await expect(employee.getByTestId('feedback-acknowledged')).toBeVisible();

    // The reply and the acknowledgement reach the manager's open screen.
    await expect(
      manager.getByTestId('thread-message').filter({ hasText: 'I will take the course' }),
    ).toHaveCount(1);
    await expect(manager.getByTestId('feedback-acknowledged')).toBeVisible();
  });
});
