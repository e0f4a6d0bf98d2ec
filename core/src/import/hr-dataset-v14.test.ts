import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@firstline/fixtures';
import type { Person } from '../model/org.ts';
import type { ImportPlan, ImportReport } from './outcome.ts';
import { runImport } from './run-import.ts';

let plan: ImportPlan;
let report: ImportReport;
let byId: Map<string, Person>;

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv')));
  const outcome = await runImport(bytes, { profile: 'hr-dataset-v14', org: 'dental' });
  if (!outcome.ok) throw new Error(`${outcome.reason}: ${outcome.message}`);
  plan = outcome.plan;
  report = outcome.report;
  byId = new Map(plan.people.map((p) => [p.id, p]));
});

const person = (id: string): Person => {
  const p = byId.get(id);
  if (!p) throw new Error(`no person ${id}`);
  return p;
};

describe('import: HR Data Set v14', () => {
  it('imports all 311 rows as people, reading through the BOM', () => {
    expect(report.source).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(report.counts).toMatchObject({ rows: 311, imported: 311, rejectedRows: 0 });
    expect(report.rejected).toEqual([]);
    expect(plan.people.filter((p) => p.externalId !== null)).toHaveLength(311);
    expect(person('emp-10026')).toMatchObject({ externalId: '10026', name: 'Wilson K Adinolfi' });
  });

  it('builds the 6 departments under one company unit, with padded names trimmed', () => {
    const departments = plan.units.filter((u) => u.kind === 'department');
    expect(departments.map((d) => d.name).sort()).toEqual([
      'Admin Offices',
      'Executive Office',
      'IT/IS',
      'Production',
      'Sales',
      'Software Engineering',
    ]);
    expect(departments.every((d) => d.parentId === 'company')).toBe(true);
    expect(plan.units.filter((u) => u.kind === 'company')).toHaveLength(1);
    expect(report.counts.departments).toBe(6);
  });

  it('makes one team per (department, manager), headed by the manager', () => {
    // 27 (department, manager name) pairs in the file, two of them "Board of Directors".
    expect(report.counts.teams).toBe(25);
    const adinolfi = person('emp-10026');
    const team = plan.units.find((u) => u.id === adinolfi.unitId);
    expect(team).toMatchObject({
      kind: 'team',
      parentId: 'dept-production',
      headId: 'mgr-michael-albert',
    });
  });

  it('finds managers by name, not by the unreliable ManagerID', () => {
    // Line 3 "Ait Sidi, Karthikeyan" -> "Simon Roup", whose row is "Roup,Simon" (EmpID 10198).
    expect(person('emp-10084').managerId).toBe('emp-10198');
    // Line 4 "Akinkuolie, Sarah" -> "Kissy Sullivan" (10158), not "Sullivan, Timothy".
    expect(person('emp-10196').managerId).toBe('emp-10158');
    // "Brandon R. LeBlanc" is the row "LeBlanc, Brandon  R" (10134), managed by Janet King (10089).
    expect(person('emp-10134').managerId).toBe('emp-10089');
    const leblancReports = plan.people.filter((p) => p.managerId === 'emp-10134');
    expect(leblancReports).toHaveLength(7);
    // "John Smith" (Sales Manager, 10291) manages 14 people, e.g. line 34 "Bunbury, Jessica".
    expect(plan.people.filter((p) => p.managerId === 'emp-10291')).toHaveLength(14);
  });

  it('creates a person for a manager name with no row, and reports it once with the line', () => {
    expect(person('mgr-michael-albert')).toMatchObject({
      name: 'Michael Albert',
      externalId: null,
    });
    // Michael Albert appears with ManagerID 22 and 30; by name he is one person with 22 reports.
    expect(plan.people.filter((p) => p.managerId === 'mgr-michael-albert')).toHaveLength(22);
    expect(person('emp-10026').managerId).toBe('mgr-michael-albert');
    const created = report.repaired.filter((r) => r.reason === 'manager-created');
    expect(created.map((r) => r.message.match(/"(.+?)"/)?.[1]).sort()).toEqual([
      'Alex Sweetwater',
      'David Stanley',
      'Michael Albert',
      'Webster Butler',
    ]);
    expect(created.find((r) => r.message.includes('Michael Albert'))?.line).toBe(2);
    // 21 manager names, less "Board of Directors".
    expect(report.counts).toMatchObject({ managersCreated: 4, people: 315, managers: 20 });
  });

  it('does not make "Board of Directors" a person: its two reports have no manager, reported', () => {
    expect(plan.people.some((p) => p.name === 'Board of Directors')).toBe(false);
    expect(person('emp-10089')).toMatchObject({
      name: 'Janet King',
      managerId: null,
      unitId: 'dept-executive-office',
    });
    expect(person('emp-10080').managerId).toBeNull();
    const board = report.repaired.filter((r) => r.reason === 'manager-not-a-person');
    expect(board.map((r) => r.line)).toEqual([99, 152]);
  });

  it('parses M/D/YYYY dates and terminations', () => {
    expect(person('emp-10084')).toMatchObject({
      status: 'terminated',
      hiredOn: '2015-03-30',
      leftOn: '2016-06-16',
      title: 'Sr. DBA',
    });
    expect(person('emp-10026')).toMatchObject({
      status: 'active',
      hiredOn: '2011-07-05',
      leftOn: null,
    });
    expect(plan.people.filter((p) => p.status === 'terminated')).toHaveLength(104);
  });

  it('reports trimmed cells and squeezed names with their lines, only for columns it reads', () => {
    const trims = report.repaired.filter((r) => r.reason === 'trimmed-whitespace');
    expect(trims.filter((r) => r.field === 'Department')).toHaveLength(209);
    expect(trims.filter((r) => r.field === 'Employee_Name')).toHaveLength(70);
    expect(trims).toContainEqual(expect.objectContaining({ line: 2, field: 'Department' }));
    expect(trims).toContainEqual(expect.objectContaining({ line: 3, field: 'Employee_Name' }));
    // Sex ("M ") is not imported, so its padding is not worth a line in the report.
    expect(trims.some((r) => r.field === 'Sex')).toBe(false);
    const squeezed = report.repaired.filter((r) => r.reason === 'collapsed-spaces');
    expect(squeezed).toContainEqual(expect.objectContaining({ line: 2, field: 'Employee_Name' }));
  });

  it('turns PerformanceScore into a dated 1-4 prior rating with its label', () => {
    const record = plan.records.find((r) => r.personId === 'emp-10026');
    expect(record?.ratings).toEqual([
      expect.objectContaining({
        value: 4,
        label: 'Exceeds',
        scaleMin: 1,
        scaleMax: 4,
        date: '2019-01-17',
        personId: 'emp-10026',
      }),
    ]);
    const labels = new Map<string, number>();
    for (const r of plan.records.flatMap((x) => x.ratings))
      labels.set(r.label, (labels.get(r.label) ?? 0) + 1);
    expect(Object.fromEntries(labels)).toEqual({
      'Fully Meets': 243,
      Exceeds: 37,
      'Needs Improvement': 18,
      PIP: 13,
    });
    expect(report.counts.priorRatings).toBe(311);
  });

  it('imports absences, lateness, projects, engagement and satisfaction as indicators', () => {
    const record = plan.records.find((r) => r.personId === 'emp-10026');
    const figures = Object.fromEntries(
      (record?.indicators ?? []).map((i) => [i.key, [i.value, i.direction]]),
    );
    expect(figures).toEqual({
      absences: [1, 'decrease'],
      'days-late-last-30': [0, 'decrease'],
      'special-projects': [0, 'increase'],
      engagement: [4.6, 'increase'],
      satisfaction: [5, 'increase'],
    });
    expect(report.counts.indicators).toBe(311 * 5);
  });

  it('gives the same ids on a second run (re-imports find the same people and units)', async () => {
    const bytes = new Uint8Array(
      readFileSync(sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv')),
    );
    const again = await runImport(bytes, { profile: 'hr-dataset-v14', org: 'dental' });
    expect(again.ok && again.plan).toEqual(plan);
  });
});
