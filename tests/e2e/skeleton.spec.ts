import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import Papa from 'papaparse';
import { repoRoot, sharedDataPath } from '@firstline/fixtures';
import { launchWithExtension, openPanel, type ExtensionBrowser } from '../support/extension.ts';
import { freePort, runCli, ServerProcess } from '../support/server-process.ts';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs256';
const ORG = 'dental';
const HR_FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');

async function token(personId: string, role: 'member' | 'hr'): Promise<string> {
  return new SignJWT({ org: ORG, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

/**
 * The expected team, computed straight from the CSV (not through the importer): the active
 * employees whose ManagerName is the manager, and the manager's own row found by name.
 */
function expectedTeam(managerFirst: string, managerLast: string) {
  const text = readFileSync(HR_FILE, 'utf8').replace(/^\uFEFF/, '');
  const rows = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
  }).data;
  const managerRow = rows.find((r) => {
    const [last, first] = (r.Employee_Name ?? '').split(',').map((s) => s.trim());
    return last === managerLast && (first ?? '').split(/\s+/)[0] === managerFirst;
  });
  if (!managerRow) throw new Error(`no row for ${managerFirst} ${managerLast}`);
  const reports = rows
    .filter((r) => r.ManagerName?.trim() === `${managerFirst} ${managerLast}` && r.Termd === '0')
    .map((r) => `emp-${r.EmpID}`)
    .sort();
  return { managerId: `emp-${managerRow.EmpID}`, reports };
}

async function teamIds(page: Page): Promise<string[]> {
  const rows = page.getByTestId('team-member');
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')));
  return ids.filter((id): id is string => id !== null).sort();
}

test.describe('walking skeleton', () => {
  let server: ServerProcess;
  const browsers: ExtensionBrowser[] = [];

  test.beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'firstline-e2e-'));
    server = new ServerProcess(await freePort(), dataDir, SECRET);
    await server.start();
    const hr = await token('hr-admin', 'hr');
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
      hr,
      '--json',
    ]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);
    const report = JSON.parse(imported.stdout) as {
      ok: boolean;
      report: { counts: { people: number } };
    };
    expect(report.ok).toBe(true);
  });

  test.afterAll(async () => {
    for (const b of browsers) await b.close();
    await server.stop();
  });

  test('a manager sees their actual direct reports, edits sync between browsers and survive an outage', async () => {
    const { managerId, reports } = expectedTeam('Simon', 'Roup');
    expect(reports.length).toBeGreaterThan(2);
    const managerToken = await token(managerId, 'member');

    const a = await launchWithExtension();
    browsers.push(a);
    const panelA = await openPanel(a, server.url, managerToken);
    await expect(panelA.getByTestId('connection-status')).toHaveAttribute('data-status', 'synced');
    await expect(panelA.getByTestId('team-member')).toHaveCount(reports.length);
    expect(await teamIds(panelA)).toEqual(reports);
    // Every report of the file has a PerformanceScore, so every row ends up with a rating once
    // its record document has synced.
    await expect(panelA.getByTestId('member-rating').filter({ hasText: /\d\/4/ })).toHaveCount(
      reports.length,
    );
    await expect(panelA.getByTestId('connection-status')).toHaveAttribute('data-status', 'synced');

    mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
    await panelA.screenshot({ path: join(repoRoot, 'artifacts', 'side-panel.png') });

    const b = await launchWithExtension();
    browsers.push(b);
    const panelB = await openPanel(b, server.url, managerToken);
    await expect(panelB.getByTestId('team-member')).toHaveCount(reports.length);

    const subject = reports[0]!;
    for (const panel of [panelA, panelB]) {
      await panel.locator(`[data-testid="team-member"][data-person-id="${subject}"]`).click();
      await expect(panel.getByTestId('person-detail')).toHaveAttribute('data-person-id', subject);
    }

    // Online: a note written in A appears in B.
    await panelA.getByTestId('note-input').fill('Agreed to pair on the Q3 migration plan');
    await panelA.getByTestId('note-add').click();
    await expect(panelB.getByTestId('note').filter({ hasText: 'Q3 migration plan' })).toHaveCount(
      1,
    );
    // The pill says "Saved to server" only once the server acknowledged storing A's edit.
    const pillA = panelA.getByTestId('connection-status');
    await expect(pillA).toHaveAttribute('data-saved', 'true');
    await expect(pillA).toHaveText(/Saved to server/);

    // Offline: the server goes down, A keeps editing locally, and the edit reaches B after restart.
    await server.stop();
    await expect(panelA.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
    await panelA.getByTestId('note-input').fill('Written while the server was down');
    await panelA.getByTestId('note-add').click();
    await expect(panelA.getByTestId('note').filter({ hasText: 'server was down' })).toHaveCount(1);
    await expect(pillA).toHaveAttribute('data-saved', 'false');
    await server.start();
    await expect(panelA.getByTestId('connection-status')).toHaveAttribute('data-status', 'synced', {
      timeout: 30_000,
    });
    await expect(panelB.getByTestId('note').filter({ hasText: 'server was down' })).toHaveCount(1, {
      timeout: 30_000,
    });
    // The edit made offline is acknowledged once the reconnect's sync round stored it.
    await expect(pillA).toHaveAttribute('data-saved', 'true');
  });

  test('the HR page shows headcount per department from the server', async () => {
    const b = await launchWithExtension();
    browsers.push(b);
    const panel = await openPanel(b, server.url, await token('hr-admin', 'hr'));
    const hrPage = await b.context.newPage();
    await hrPage.goto(`chrome-extension://${b.extensionId}/hr.html`);
    await expect(hrPage.getByTestId('hr-row')).toHaveCount(6);
    await panel.close();
  });
});
