import { describe, expect, it } from 'vitest';
import { makeGoal } from './testing.ts';
import { validateGoal, validateGoalSet } from './validate-goal.ts';

const raw = (fields: Record<string, unknown>) => ({
  id: 'g1',
  title: 'Cut scrap',
  owner: { kind: 'unit', id: 'line-1' },
  parentId: null,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  ...fields,
});
const ctx = { orgId: 'acme', goals: [makeGoal({ id: 'parent' })] };
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('goal validation', () => {
  it('accepts a good goal', () => {
    const r = validateGoal(raw({ parentId: 'parent' }), ctx);
    expect(r.issues).toEqual([]);
    expect(r.goal?.id).toBe('g1');
  });

  it('rejects a period ending before it starts, and impossible dates', () => {
    const r = validateGoal(raw({ periodEnd: '2025-12-31' }), ctx);
    expect(codes(r)).toEqual(['period-reversed']);
    expect(r.goal).toBeNull();
    expect(r.issues[0]?.message).toContain('ends (2025-12-31) before it starts (2026-01-01)');
    expect(codes(validateGoal(raw({ periodEnd: '2026-02-30' }), ctx))).toEqual(['bad-date']);
  });

  it('warns when target equals start or contradicts the direction', () => {
    const metric = { start: 5, target: 5, current: null, direction: 'decrease' };
    const same = validateGoal(raw({ metric }), ctx);
    expect(codes(same)).toEqual(['target-equals-start']);
    expect(same.goal).not.toBeNull();
    expect(codes(validateGoal(raw({ metric: { ...metric, target: 9 } }), ctx))).toEqual([
      'direction-conflict',
    ]);
  });

  it('names an unknown parent, a parent in another org, itself and a loop', () => {
    expect(codes(validateGoal(raw({ parentId: 'ghost' }), ctx))).toEqual(['parent-unknown']);
    const other = validateGoal(raw({ parentId: 'theirs' }), {
      ...ctx,
      goalOrgs: new Map([['theirs', 'globex']]),
    });
    expect(codes(other)).toEqual(['parent-other-org']);
    expect(other.issues[0]?.message).toContain('globex');
    expect(codes(validateGoal(raw({ parentId: 'g1' }), ctx))).toEqual(['parent-self']);
    const loopCtx = { orgId: 'acme', goals: [makeGoal({ id: 'child', parentId: 'g1' })] };
    expect(codes(validateGoal(raw({ parentId: 'child' }), loopCtx))).toEqual(['parent-cycle']);
  });

  it('flags sibling weights summing to 99.99 or 120 with the sum, and rejects negative ones', () => {
    const siblings = (w: number) => ({
      orgId: 'acme',
      goals: [makeGoal({ id: 'parent' }), makeGoal({ id: 'g2', parentId: 'parent', weight: w })],
    });
    const low = validateGoal(raw({ parentId: 'parent', weight: 50 }), siblings(49.99));
    expect(codes(low)).toEqual(['weights-sum-not-100']);
    expect(low.issues[0]?.message).toContain('99.99');
    const high = validateGoal(raw({ parentId: 'parent', weight: 60 }), siblings(60));
    expect(high.issues[0]?.message).toContain('120');
    expect(codes(validateGoal(raw({ parentId: 'parent', weight: 50 }), siblings(50)))).toEqual([]);
    const neg = validateGoal(raw({ parentId: 'parent', weight: -5 }), ctx);
    expect(codes(neg)).toEqual(['weight-negative']);
    expect(neg.goal).toBeNull();
  });

  it('reports bad field values with the field name', () => {
    const r = validateGoal(raw({ title: '', periodStart: '1/2/2026' }), ctx);
    expect(r.issues.map((i) => `${i.code}:${i.field}`).sort()).toEqual([
      'invalid-field:periodStart',
      'invalid-field:title',
    ]);
  });
});

describe('goal set validation (imports)', () => {
  it('checks a whole file at once: duplicates, loops, parents, weights', () => {
    const r = validateGoalSet(
      [
        raw({ id: 'top' }),
        raw({ id: 'a', parentId: 'top', weight: 60 }),
        raw({ id: 'b', parentId: 'top', weight: 60 }),
        raw({ id: 'a', parentId: 'top' }),
        raw({ id: 'x', parentId: 'y' }),
        raw({ id: 'y', parentId: 'x' }),
        raw({ id: 'far', parentId: 'elsewhere' }),
        raw({ id: 'bad', periodEnd: '2020-01-01' }),
      ],
      { orgId: 'acme' },
    );
    expect(codes(r).sort()).toEqual([
      'duplicate-id',
      'parent-cycle',
      'parent-cycle',
      'parent-unknown',
      'period-reversed',
      'weights-sum-not-100',
    ]);
    expect(r.goals.map((g) => g.id)).toEqual(['top', 'a', 'b']);
  });
});
