import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@firstline/fixtures';
import type { ImportOutcome } from './outcome.ts';
import { runImport } from './run-import.ts';

let outcome: ImportOutcome;

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(sharedDataPath('hr-promotion', 'train.csv')));
  outcome = await runImport(bytes, { profile: 'hr-promotion', org: 'wns' });
}, 60_000);

describe('import: HR promotion train.csv (full file)', () => {
  it('plans all 54,808 people with 34 regions and 9 departments', () => {
    if (!outcome.ok) throw new Error(outcome.message);
    const { plan, report } = outcome;
    expect(report.counts).toMatchObject({
      rows: 54_808,
      imported: 54_808,
      people: 54_808,
      regions: 34,
      departments: 9,
      teams: 0,
      managers: 0,
      rejectedRows: 0,
    });
    expect(plan.regions.map((r) => r.name)).toContain('region_34');
    const first = plan.people[0];
    expect(first).toMatchObject({
      id: 'emp-65438',
      externalId: '65438',
      name: 'Employee 65438',
      regionId: 'reg-region-7',
      unitId: 'dept-sales-marketing',
      managerId: null,
    });
    expect(plan.units.find((u) => u.id === 'dept-sales-marketing')?.name).toBe('Sales & Marketing');
  });

  it('treats a blank previous_year_rating as "not rated", never as a rating of 0', () => {
    if (!outcome.ok) throw new Error(outcome.message);
    const { plan, report } = outcome;
    // 4,124 new joiners have a blank rating (README); everyone else has one rating on 1-5.
    expect(report.counts.priorRatings).toBe(54_808 - 4_124);
    const ratings = plan.records.flatMap((r) => r.ratings);
    expect(ratings.every((r) => r.value >= 1 && r.value <= 5 && r.scaleMax === 5)).toBe(true);
    expect(ratings.some((r) => r.value === 0)).toBe(false);
  });

  it('reads the awkward headers ("KPIs_met >80%", "awards_won?") as indicators', () => {
    if (!outcome.ok) throw new Error(outcome.message);
    const first = outcome.plan.records.find((r) => r.personId === 'emp-65438');
    // Line 2: 65438,...,no_of_trainings 1,...,rating 5,length_of_service 8,KPIs 1,awards 0,score 49
    expect(Object.fromEntries((first?.indicators ?? []).map((i) => [i.key, i.value]))).toEqual({
      'kpis-met-80': 1,
      'awards-won': 0,
      'avg-training-score': 49,
      trainings: 1,
      'length-of-service': 8,
    });
    expect(first?.ratings[0]).toMatchObject({
      value: 5,
      label: '',
      date: null,
      cycleLabel: 'Previous year',
    });
    expect(outcome.report.counts.indicators).toBe(54_808 * 5);
  });
});
