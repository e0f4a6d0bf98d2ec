import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardInput } from '@firstline/core/cycles/card-input';
import { readCycles, saveCycle } from '@firstline/core/cycles/cycle-directory';
import type { CycleSettingsJson } from '@firstline/core/cycles/cycle-settings';
import { cyclePopulation } from '@firstline/core/cycles/population';
import { planScorecards } from '@firstline/core/cycles/snapshot';
import { applyImportPlan } from '@firstline/core/docs/apply-import';
import { readDirectory, type Directory } from '@firstline/core/docs/directory';
import { docName } from '@firstline/core/docs/names';
import { readRecord, type PersonRecord } from '@firstline/core/docs/record';
import { initScorecard, setActual } from '@firstline/core/docs/review-docs-write';
import { readScorecard } from '@firstline/core/docs/review-docs';
import { buildFeedbackReport } from '@firstline/core/feedback/build-report';
import {
  PRIOR_RATING_KEY,
  comparisonUnitId,
  figureRows,
} from '@firstline/core/feedback/unit-figures';
import { unitAverages } from '@firstline/core/feedback/unit-averages';
import { runImport } from '@firstline/core/import/run-import';
import { scoreCard } from '@firstline/core/scoring/score-card';
import { sharedDataPath } from '@firstline/fixtures';

const FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');
const ORG = 'dental';
const CYCLE = 'fy19';

const linear = (floor: number, target: number) => ({ kind: 'linear' as const, floor, target });
const TEMPLATE = [
  {
    key: 'absences',
    label: 'Absences',
    unit: 'days',
    direction: 'decrease' as const,
    weight: 20,
    standard: linear(20, 2),
  },
  {
    key: 'days-late-last-30',
    label: 'Days late (last 30 days)',
    unit: 'days',
    direction: 'decrease' as const,
    weight: 20,
    standard: linear(6, 0),
  },
  {
    key: 'special-projects',
    label: 'Special projects',
    unit: 'projects',
    direction: 'increase' as const,
    weight: 20,
    standard: linear(0, 6),
  },
  {
    key: 'engagement',
    label: 'Engagement survey (1-5)',
    unit: 'score',
    direction: 'increase' as const,
    weight: 20,
    standard: linear(1, 5),
  },
  {
    key: 'satisfaction',
    label: 'Satisfaction (1-5)',
    unit: 'score',
    direction: 'increase' as const,
    weight: 20,
    standard: linear(1, 5),
  },
];
/** CSV column of each figure, for the independent computation. */
const COLUMN: Record<string, string> = {
  absences: 'Absences',
  'days-late-last-30': 'DaysLateLast30',
  'special-projects': 'SpecialProjectsCount',
  engagement: 'EngagementSurvey',
  satisfaction: 'EmpSatisfaction',
};
const RATING: Record<string, number> = {
  PIP: 1,
  'Needs Improvement': 2,
  'Fully Meets': 3,
  Exceeds: 4,
};

const settings: CycleSettingsJson = {
  id: CYCLE,
  name: 'FY2019 review',
  start: '2019-01-01',
  end: '2019-12-31',
  phase: 'self-review',
  templates: [{ id: 'everyone', label: 'Everyone', indicators: TEMPLATE }],
};

let directoryDoc: Y.Doc;
let directory: Directory;
const docs = new Map<string, Y.Doc>();
const records = new Map<string, PersonRecord>();
let rows: Record<string, string>[];

beforeAll(async () => {
  const outcome = await runImport(new Uint8Array(readFileSync(FILE)), {
    profile: 'hr-dataset-v14',
    org: ORG,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  const open = (name: string): Y.Doc => {
    let doc = docs.get(name);
    if (!doc) docs.set(name, (doc = new Y.Doc()));
    return doc;
  };
  applyImportPlan(outcome.plan, open);
  directoryDoc = open(docName({ kind: 'directory', org: ORG }));
  const saved = saveCycle(directoryDoc, settings);
  if (!saved.ok) throw new Error(saved.message);
  directory = readDirectory(directoryDoc);
  for (const person of directory.people.values()) {
    const name = docName({ kind: 'person-record', org: ORG, person: person.id });
    if (docs.has(name)) records.set(person.id, readRecord(docs.get(name)!));
  }
  const text = readFileSync(FILE, 'utf8').replace(/^\uFEFF/, '');
  rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
});

/** Department averages straight from the CSV: active rows (Termd 0), department names trimmed. */
function csvAverage(department: string, key: string): number {
  const values = rows
    .filter((r) => r.Termd === '0' && r.Department?.trim() === department)
    .map((r) => (key === PRIOR_RATING_KEY ? RATING[r.PerformanceScore!] : Number(r[COLUMN[key]!])))
    .filter((v): v is number => v !== undefined && Number.isFinite(v));
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('HRDataset_v14 feeds a review cycle', () => {
  it('C2.3 bulk creation gives every active employee a scorecard with record figures as actuals', () => {
    const cycle = readCycles(directoryDoc).cycles.get(CYCLE)!;
    const population = cyclePopulation(directory, cycle);
    const active = rows.filter((r) => r.Termd === '0').map((r) => `emp-${r.EmpID}`);
    // Everyone active in the file takes part (plus the managers the import created from names).
    expect(active.every((id) => population.some((p) => p.id === id))).toBe(true);
    const snapshots = planScorecards(directory, cycle, '2019-01-02');
    expect(snapshots).toHaveLength(population.length);
    let scored = 0;
    for (const snap of snapshots) {
      const doc = new Y.Doc();
      initScorecard(doc, snap);
      const record = records.get(snap.personId);
      for (const ind of snap.indicators) {
        const value = record?.indicators.get(ind.key)?.value;
        if (value === undefined) continue;
        const set = setActual(doc, ind.key, value, {
          by: 'hr',
          at: '2019-01-02T00:00:00Z',
          source: 'record',
        });
        expect(set.ok).toBe(true);
      }
      const view = readScorecard(doc);
      const actuals = Object.fromEntries([...view.actuals].map(([k, v]) => [k, v.value]));
      const result = scoreCard(cardInput(view.snapshot!, actuals, []));
      if (!result.ok) throw new Error(result.message);
      if (result.value.final.ok) scored += 1;
    }
    expect(scored).toBe(active.length);
  });

  it('F1.1 F1.5 department averages of indicators and prior ratings match the CSV', () => {
    const averages = unitAverages(figureRows(directory, records));
    const departments = [...new Set(rows.map((r) => r.Department!.trim()))];
    expect(departments).toHaveLength(6);
    for (const department of departments) {
      const unit = [...directory.units.values()].find((u) => u.name === department);
      expect(unit?.kind, department).toBe('department');
      for (const key of [...Object.keys(COLUMN), PRIOR_RATING_KEY]) {
        const got = averages.get(unit!.id)?.get(key)?.mean.toNumber();
        expect(got, `${department} ${key}`).toBeCloseTo(csvAverage(department, key), 10);
      }
    }
  });

  it('F1.4 a real employee’s report states gaps against their department’s real averages', () => {
    // The first active Production employee (file order) whose absences exceed the department's
    // average by more than the margin: found with the CSV figures, not with Firstline's.
    const avgAbsences = csvAverage('Production', 'absences');
    const row = rows.find(
      (r) =>
        r.Termd === '0' &&
        r.Department?.trim() === 'Production' &&
        Number(r.Absences) > avgAbsences * 1.05,
    )!;
    const personId = `emp-${row.EmpID}`;
    const person = directory.people.get(personId)!;
    const unitId = comparisonUnitId(directory, person)!;
    const averages = unitAverages(figureRows(directory, records)).get(unitId)!;
    const record = records.get(personId)!;
    const actuals = Object.fromEntries([...record.indicators].map(([k, v]) => [k, v.value]));
    actuals[PRIOR_RATING_KEY] = RATING[row.PerformanceScore!]!;
    const report = buildFeedbackReport({
      cycleId: CYCLE,
      cycleName: 'FY2019 review',
      person: { id: personId, name: person.name },
      language: 'en',
      today: '2019-12-01',
      score: null,
      indicators: [
        ...TEMPLATE,
        { key: PRIOR_RATING_KEY, label: 'Last rating (1-4)', unit: '', direction: 'increase' },
      ],
      actuals,
      unitName: 'Production',
      averages,
    });
    const absences = report.gaps.find((g) => g.key === 'absences');
    expect(absences, report.body).toBeDefined();
    expect(absences!.actual).toBe(Number(row.Absences));
    expect(Number(absences!.average)).toBeCloseTo(avgAbsences, 2);
    const percent = Math.round((Math.abs(Number(row.Absences) - avgAbsences) / avgAbsences) * 100);
    expect(absences!.text).toBe(
      `Absences: ${row.Absences} days, ${percent}% above the Production average of ${absences!.average} days`,
    );
    expect(report.body).toContain(absences!.text);
    // Every stated line quotes the department's real average of its figure.
    for (const line of [...report.gaps, ...report.strengths]) {
      expect(Number(line.average), line.key).toBeCloseTo(csvAverage('Production', line.key), 2);
    }
    expect(report.suggestions.some((s) => s.indicatorKey === 'absences')).toBe(true);
  });
});
