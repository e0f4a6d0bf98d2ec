import { describe, expect, it } from 'vitest';
import type { Directory } from '../docs/directory.ts';
import type { PersonRecord } from '../docs/record.ts';
import type { Person, Unit } from '../model/org.ts';
import type { PriorRating } from '../model/performance.ts';
import { departmentAggregates } from './department-aggregates.ts';

function person(id: string, unitId: string | null, status: Person['status'] = 'active'): Person {
  return {
    id,
    externalId: null,
    name: id,
    email: null,
    title: '',
    jobFamily: '',
    unitId,
    regionId: null,
    managerId: null,
    status,
    hiredOn: null,
    leftOn: null,
  };
}

function unit(id: string, kind: Unit['kind'], parentId: string | null): Unit {
  return { id, name: id.toUpperCase(), kind, parentId, headId: null };
}

function rating(
  personId: string,
  date: string | null,
  value: number,
  label: string,
  max = 4,
): PriorRating {
  return {
    id: `${personId}-${date ?? 'x'}`,
    personId,
    cycleLabel: 'review',
    date,
    value,
    scaleMin: 1,
    scaleMax: max,
    label,
    source: 'import',
  };
}

function record(...ratings: PriorRating[]): PersonRecord {
  return {
    ratings: new Map(ratings.map((r) => [r.id, r])),
    indicators: new Map(),
    notes: [],
    invalid: [],
  };
}

const directory: Directory = {
  org: null,
  units: new Map(
    [
      unit('c', 'company', null),
      unit('sales', 'department', 'c'),
      unit('sales-north', 'team', 'sales'),
      unit('ops', 'department', 'c'),
    ].map((u) => [u.id, u]),
  ),
  regions: new Map(),
  people: new Map(
    [
      person('s1', 'sales'),
      person('s2', 'sales-north'),
      person('s3', 'sales-north'),
      person('s4', 'sales-north', 'terminated'),
      person('o1', 'ops'),
      person('ceo', 'c'),
    ].map((p) => [p.id, p]),
  ),
  cycles: new Map(),
  invalid: [],
};

describe('departmentAggregates', () => {
  it('counts active people in the whole subtree and buckets each latest rating', () => {
    const records = new Map([
      [
        's1',
        record(
          rating('s1', '2019-01-01', 4, 'Exceeds'),
          rating('s1', '2020-01-01', 3, 'Fully Meets'),
        ),
      ],
      ['s2', record(rating('s2', '2020-01-01', 3, 'Fully Meets'))],
      ['s4', record(rating('s4', '2020-01-01', 1, 'PIP'))],
      ['o1', record(rating('o1', null, 5, '', 5))],
    ]);
    const [ops, sales] = departmentAggregates(directory, records);
    expect(sales).toEqual({
      unitId: 'sales',
      name: 'SALES',
      headcount: 3,
      rated: 2,
      ratings: [{ label: 'Fully Meets', value: 3, count: 2 }],
      average: 3,
      averageNormalized: 2 / 3,
      scale: { min: 1, max: 4 },
    });
    expect(ops?.ratings).toEqual([{ label: '5', value: 5, count: 1 }]);
    expect(ops?.averageNormalized).toBe(1);
    expect(ops?.scale).toEqual({ min: 1, max: 5 });
  });

  it('names the scale of the average, or none when people were rated on different scales', () => {
    const records = new Map([
      ['s1', record(rating('s1', '2020-01-01', 3, 'Fully Meets'))],
      ['s2', record(rating('s2', '2020-01-01', 4, 'Good', 5))],
    ]);
    const sales = departmentAggregates(directory, records).find((d) => d.unitId === 'sales');
    expect(sales?.scale).toBeNull();
    expect(sales?.averageNormalized).toBeCloseTo((2 / 3 + 3 / 4) / 2, 12);
    expect(departmentAggregates(directory, new Map())[0]?.scale).toBeNull();
  });

  it('reports null averages for a department nobody in it is rated', () => {
    const result = departmentAggregates(directory, new Map());
    expect(result.map((d) => [d.unitId, d.headcount, d.rated, d.average])).toEqual([
      ['ops', 1, 0, null],
      ['sales', 3, 0, null],
    ]);
  });
});
