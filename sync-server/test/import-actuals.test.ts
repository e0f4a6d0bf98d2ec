import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckIns } from '@firstline/core/docs/coaching-docs-check-ins';
import { sharedDataPath } from '@firstline/fixtures';
import { runFirstline as firstline } from '@firstline/fixtures/firstline-process';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActualsImportResponse } from '../src/import/import-actuals.ts';
import type { RunningServer } from '../src/server.ts';
import {
  connectClient,
  eventually,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  tokenFor,
} from './helpers.ts';

const GARMENT = sharedDataPath('garment-productivity', 'garments_worker_productivity.csv');
const SALES = sharedDataPath('sales-actual-vs-target', 'actual-vs-target-dataset.xlsx');

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let hr: string;

/** Every stored document of the org with its state vector: equal maps mean nothing was written. */
async function storedState(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await server.registry.store.list('org/acme/')) {
    const doc = await server.registry.snapshot(name);
    out.set(name, Buffer.from(Y.encodeStateVector(doc)).toString('base64'));
  }
  return out;
}

async function importActuals(file: string, profile: string, ...extra: string[]) {
  const run = await firstline([
    'import-actuals',
    file,
    '--profile',
    profile,
    '--org',
    'acme',
    '--server',
    server.url,
    '--token',
    hr,
    '--json',
    ...extra,
  ]);
  return { ...run, body: JSON.parse(run.stdout || 'null') as ActualsImportResponse };
}

beforeAll(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir);
  await seedDirectory(server);
  hr = await tokenFor(principals.hr1);
});
afterAll(async () => {
  await server.close();
  data.remove();
});

describe('firstline import-actuals through a running server', () => {
  // Independent reading of the garment CSV: Papa, no importer code.
  const rows = Papa.parse<Record<string, string>>(readFileSync(GARMENT, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const dept = (d: string) => (d.trim() === 'sweing' ? 'sewing' : d.trim());
  const teamKey = (r: Record<string, string>) => `team-${r.team}-${dept(r.department ?? '')}`;

  it('refuses a member token, and writes nothing', async () => {
    const before = await storedState();
    const member = await firstline([
      'import-actuals',
      GARMENT,
      '--profile',
      'garment-productivity',
      '--org',
      'acme',
      '--server',
      server.url,
      '--token',
      await tokenFor(principals.m1),
    ]);
    expect(member.code).toBe(4); // refused by the server, as for firstline import
    expect(member.stderr).toContain('403');
    expect(member.stderr).toContain('only hr and admin may import');
    expect(await storedState()).toEqual(before);
  });

  it('without --create-missing, names every line whose team is not in the directory', async () => {
    const before = await storedState();
    const run = await importActuals(GARMENT, 'garment-productivity');
    expect(run.code).toBe(1);
    expect(run.body.ok).toBe(false);
    expect(run.body.report.rejected).toHaveLength(rows.length);
    expect(run.body.report.rejected[0]).toMatchObject({ line: 2, reason: 'unknown-team' });
    expect(await storedState()).toEqual(before);
  });

  it('imports the garment log: 24 team series, counts as the file says', async () => {
    const run = await importActuals(GARMENT, 'garment-productivity', '--create-missing');
    expect(run.code, run.stderr).toBe(0);
    if (!run.body.ok) throw new Error(run.body.message);
    const teams = new Set(rows.map(teamKey));
    const days = new Set(rows.map((r) => `${teamKey(r)}|${r.date}`));
    expect(run.body.report.counts).toMatchObject({
      rows: rows.length,
      rejectedRows: 0,
      subjects: teams.size,
      series: teams.size,
      checkIns: days.size,
    });
    expect(run.body.applied).toEqual({
      docs: teams.size,
      goalsCreated: teams.size,
      checkIns: days.size,
      unitsCreated: teams.size,
      peopleCreated: 0,
    });
    // The live team document holds one check-in per working day, the last one the running sum.
    const team8 = rows.filter((r) => teamKey(r) === 'team-8-sewing');
    const doc = await server.registry.snapshot('org/acme/team/team-8-sewing');
    const checkIns = readCheckIns(doc).checkIns.sort((a, b) => (a.at < b.at ? -1 : 1));
    expect(checkIns).toHaveLength(new Set(team8.map((r) => r.date)).size);
    const total = team8.reduce((s, r) => s + Number(r.actual_productivity), 0);
    expect(checkIns.at(-1)?.value).toBeCloseTo(total, 9);
    expect(checkIns[0]?.authorId).toBe('hr1');
  });

  it('a second import of the same file writes nothing', async () => {
    const before = await storedState();
    const run = await importActuals(GARMENT, 'garment-productivity', '--create-missing');
    expect(run.code).toBe(0);
    expect(run.body.ok && run.body.applied).toEqual({
      docs: 0,
      goalsCreated: 0,
      checkIns: 0,
      unitsCreated: 0,
      peopleCreated: 0,
    });
    expect(await storedState()).toEqual(before);
  });

  it('a panel connected to the team document sees new actuals at once', async () => {
    const { doc, provider } = connectClient(server, 'org/acme/team/team-8-sewing', hr);
    try {
      await synced(provider);
      const before = readCheckIns(doc).checkIns.length;
      const header = Object.keys(rows[0]!).join(',');
      const next = team8Row('3/12/2015', '0.8');
      const file = join(data.dir, 'next-day.csv');
      writeFileSync(file, `${header}\n${next}\n`);
      const run = await importActuals(file, 'garment-productivity');
      expect(run.code, run.stdout).toBe(0);
      await eventually(() => readCheckIns(doc).checkIns.length === before + 1);
      const added = readCheckIns(doc).checkIns.find((c) => c.at.startsWith('2015-03-12'));
      expect(added?.goalId).toBe('imp-team-8-sewing-productivity');
    } finally {
      provider.destroy();
    }
  });

  /** A row of the garment layout for team 8 sewing, the other cells copied from the file. */
  function team8Row(date: string, actual: string, team = '8'): string {
    const sample = rows.find((r) => teamKey(r) === 'team-8-sewing')!;
    return Object.keys(sample)
      .map((k) =>
        k === 'date'
          ? date
          : k === 'actual_productivity'
            ? actual
            : k === 'team'
              ? team
              : sample[k],
      )
      .join(',');
  }

  it('a bad file gives line-numbered reasons and stores nothing', async () => {
    const header = Object.keys(rows[0]!).join(',');
    const file = join(data.dir, 'bad.csv');
    writeFileSync(
      file,
      [
        header,
        team8Row('3/13/2015', '0.7'),
        team8Row('3/14/2015', 'lots'),
        team8Row('3/14/2015', '0.7', '13'),
        team8Row('3/14/2099', '0.7'),
      ].join('\n'),
    );
    const before = await storedState();
    const run = await importActuals(file, 'garment-productivity');
    expect(run.code).toBe(1);
    if (run.body.ok) throw new Error('a bad file was accepted');
    expect(run.body.reason).toBe('validation-failed');
    expect(run.body.report.rejected.map((r) => [r.line, r.reason, r.field])).toEqual([
      [3, 'invalid-number', 'actual_productivity'],
      [4, 'unknown-team', 'team'],
      [5, 'future-date', 'date'],
    ]);
    expect(run.body.report.rejected[1]?.message).toContain('team "Team 13 sewing"');
    expect(await storedState()).toEqual(before);
    const human = await firstline([
      'import-actuals',
      file,
      '--profile',
      'garment-productivity',
      '--org',
      'acme',
      '--server',
      server.url,
      '--token',
      hr,
    ]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('line 3 [actual_productivity] invalid-number');
    expect(human.stdout).toContain('line 5 [date] future-date');
  });

  it('imports the wide sales workbook, unpivoted: 25 people, one check-in a filled month', async () => {
    // Independent reading: every filled cell after the name column of the Actual sheet.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(SALES);
    const sheet = book.getWorksheet('Actual')!;
    let cells = 0;
    let total = 0;
    const people = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      people.add(String(row.getCell(1).value));
      row.eachCell((cell, col) => {
        if (col === 1 || cell.value === null || cell.value === '') return;
        cells += 1;
        total += Number(cell.value);
      });
    });
    const before = await storedState();
    const run = await importActuals(SALES, 'sales-actual-vs-target', '--create-missing');
    expect(run.code, run.stderr).toBe(0);
    if (!run.body.ok) throw new Error(run.body.message);
    expect(run.body.report.counts).toMatchObject({
      rows: people.size,
      values: cells,
      rejectedRows: 0,
      subjects: people.size,
      checkIns: cells,
    });
    expect(run.body.applied).toMatchObject({
      goalsCreated: people.size,
      checkIns: cells,
      peopleCreated: people.size,
    });
    const doc = await server.registry.snapshot('org/acme/team/team-sales-actual-vs-target');
    const latest = new Map<string, { at: string; value: number }>();
    for (const c of readCheckIns(doc).checkIns) {
      const seen = latest.get(c.goalId);
      if (seen === undefined || seen.at < c.at) latest.set(c.goalId, c);
    }
    const imported = [...latest.values()].reduce((s, c) => s + c.value, 0);
    expect(imported).toBeCloseTo(total, 4);
    expect(before.size).toBeLessThan((await storedState()).size);
    const again = await importActuals(SALES, 'sales-actual-vs-target', '--create-missing');
    expect(again.body.ok && again.body.applied?.checkIns).toBe(0);
  });
});
