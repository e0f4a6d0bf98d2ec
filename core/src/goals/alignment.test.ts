import { describe, expect, it } from 'vitest';
import type { Unit } from '../model/org.ts';
import { checkAlignment, pathToStrategy } from './alignment.ts';
import { makeGoal } from './testing.ts';

const units: Unit[] = [
  { id: 'acme', name: 'Acme', kind: 'company', parentId: null, headId: null },
  { id: 'ops', name: 'Operations', kind: 'department', parentId: 'acme', headId: null },
  { id: 'sales', name: 'Sales', kind: 'department', parentId: 'acme', headId: null },
  { id: 'line-1', name: 'Line 1', kind: 'team', parentId: 'ops', headId: null },
];
const unitGoal = (id: string, unit: string, parentId: string | null, extra = {}) =>
  makeGoal({ id, owner: { kind: 'unit', id: unit }, parentId, ...extra });

const goals = [
  unitGoal('s1', 'acme', null),
  unitGoal('s2', 'acme', null),
  unitGoal('ops-1', 'ops', 's1'),
  unitGoal('line-1-a', 'line-1', 'ops-1'),
  makeGoal({ id: 'p1', owner: { kind: 'person', id: 'emp-7' }, parentId: 'line-1-a' }),
  unitGoal('sales-own', 'sales', null),
  unitGoal('sales-sub', 'sales', 'sales-own', { periodStart: '2025-10-01' }),
  unitGoal('late', 'ops', 'ops-1', { periodEnd: '2027-03-31' }),
];

describe('alignment', () => {
  it('walks from any goal up to its strategy goal', () => {
    const p = pathToStrategy('p1', goals, units);
    expect(p.ok && p.value).toEqual({
      path: ['p1', 'line-1-a', 'ops-1', 's1'],
      strategyGoalId: 's1',
    });
  });

  it('flags orphans: a top goal not owned by the company, a deleted parent, a loop', () => {
    const broken = [
      ...goals,
      unitGoal('lost', 'ops', 'gone'),
      unitGoal('x', 'ops', 'y'),
      unitGoal('y', 'ops', 'x'),
      unitGoal('hangs-on-loop', 'ops', 'x'),
    ];
    const report = checkAlignment(broken, units);
    const reasons = Object.fromEntries(report.orphans.map((o) => [o.goalId, o.reason]));
    expect(reasons).toEqual({
      'sales-own': 'orphan',
      'sales-sub': 'orphan',
      lost: 'parent-missing',
      x: 'parent-cycle',
      y: 'parent-cycle',
      'hangs-on-loop': 'parent-cycle',
    });
    expect(pathToStrategy('nope', goals, units).ok).toBe(false);
  });

  it('flags goals whose period falls outside their parent', () => {
    const report = checkAlignment(goals, units);
    expect(report.periodOutsideParent.map((f) => f.goalId).sort()).toEqual(['late', 'sales-sub']);
    expect(report.periodOutsideParent[0]?.message).toContain('outside its parent');
  });

  it('lists units with no goal for a strategy goal, counting members goals when people are given', () => {
    const report = checkAlignment(goals, units, { unitsToCover: ['ops', 'sales', 'line-1'] });
    const gaps = report.uncovered.map((u) => `${u.unitId}/${u.strategyGoalId}`);
    expect(gaps).toEqual(['sales/s1', 'ops/s2', 'sales/s2', 'line-1/s2']);
    const onlyPerson = goals.filter((g) => g.id !== 'line-1-a' && g.id !== 'p1');
    const withPerson = [
      ...onlyPerson,
      makeGoal({ id: 'p2', owner: { kind: 'person', id: 'emp-7' }, parentId: 'ops-1' }),
    ];
    const people = [{ id: 'emp-7', unitId: 'line-1' }];
    const r = checkAlignment(withPerson, units, { unitsToCover: ['line-1'], people });
    expect(r.uncovered.map((u) => u.strategyGoalId)).toEqual(['s2']);
  });

  it('leaves archived goals out', () => {
    const r = checkAlignment(
      [...goals, unitGoal('old', 'ops', 'gone', { status: 'archived' })],
      units,
    );
    expect(r.orphans.some((o) => o.goalId === 'old')).toBe(false);
  });
});
