import { describe, expect, it } from 'vitest';
import type { Goal } from '../model/performance.ts';
import { findParentCycles } from './goal-tree.ts';
import { rollUp } from './roll-up.ts';
import { makeGoal, propertySeed, seededRandom } from './testing.ts';

const kr = (
  id: string,
  parentId: string | null,
  current: number | null,
  weight: number | null = null,
) =>
  makeGoal({
    id,
    parentId,
    weight,
    metric: { unit: '', start: 0, target: 100, current, direction: 'increase' },
  });
const obj = (id: string, parentId: string | null = null, weight: number | null = null) =>
  makeGoal({ id, parentId, weight, kind: 'binary' });

describe('roll-up', () => {
  it('weights children by their weights', () => {
    const r = rollUp([obj('o'), kr('a', 'o', 50, 80), kr('b', 'o', 100, 20)]);
    expect(r.get('o')?.progress).toBeCloseTo(0.6);
    expect(r.get('o')?.source).toBe('children');
    expect(r.get('o')?.issues).toEqual([]);
  });

  it('shares equally when no weights are given', () => {
    const r = rollUp([obj('o'), kr('a', 'o', 50), kr('b', 'o', 100), kr('c', 'o', 0)]);
    expect(r.get('o')?.progress).toBeCloseTo(0.5);
  });

  it('uses clamped child progress: over-achievement cannot carry siblings', () => {
    const r = rollUp([obj('o'), kr('a', 'o', 300), kr('b', 'o', -50)]);
    expect(r.get('a')?.progress).toBe(3);
    expect(r.get('o')?.progress).toBe(0.5);
  });

  it('plain mean ignores weights', () => {
    const goals = [obj('o'), kr('a', 'o', 50, 80), kr('b', 'o', 100, 20)];
    expect(rollUp(goals, { mode: 'mean' }).get('o')?.progress).toBeCloseTo(0.75);
  });

  it('rolls nested trees up to the top', () => {
    const r = rollUp([
      obj('root'),
      obj('d1', 'root'),
      obj('d2', 'root'),
      kr('t1', 'd1', 100),
      kr('t2', 'd1', 0),
      kr('t3', 'd2', 100),
    ]);
    expect(r.get('d1')?.progress).toBe(0.5);
    expect(r.get('d2')?.progress).toBe(1);
    expect(r.get('root')?.progress).toBe(0.75);
  });

  it('re-parenting a child updates both old and new ancestors when recomputed', () => {
    const before = [
      obj('root'),
      obj('d1', 'root'),
      obj('d2', 'root'),
      kr('t1', 'd1', 100),
      kr('t2', 'd2', 0),
    ];
    expect(rollUp(before).get('d1')?.progress).toBe(1);
    const moved = before.map((g) => (g.id === 't1' ? { ...g, parentId: 'd2' } : g));
    const r = rollUp(moved);
    expect(r.get('d1')?.source).toBe('own');
    expect(r.get('d2')?.progress).toBe(0.5);
  });

  it('deleting a child updates its ancestors; a child of a deleted parent is reported', () => {
    const goals = [obj('root'), obj('d1', 'root'), kr('t1', 'd1', 100), kr('t2', 'd1', 0)];
    expect(rollUp(goals.filter((g) => g.id !== 't2')).get('root')?.progress).toBe(1);
    const orphaned = rollUp(goals.filter((g) => g.id !== 'd1'));
    expect(orphaned.get('root')?.source).toBe('own');
    expect(orphaned.get('t1')?.issues.map((i) => i.code)).toEqual(['parent-missing']);
  });

  it('leaves archived goals out of their parent', () => {
    const r = rollUp([obj('o'), kr('a', 'o', 100), { ...kr('b', 'o', 0), status: 'archived' }]);
    expect(r.get('o')?.progress).toBe(1);
    expect(r.get('b')?.archived).toBe(true);
    expect(r.get('o')?.shares.map((s) => s.goalId)).toEqual(['a']);
  });

  it('counts unmeasured children as 0 and lists them; all unmeasured means unknown', () => {
    const r = rollUp([
      obj('o'),
      kr('a', 'o', 100),
      kr('b', 'o', null),
      obj('p'),
      kr('c', 'p', null),
    ]);
    expect(r.get('o')?.progress).toBe(0.5);
    expect(r.get('o')?.unmeasuredChildren).toEqual(['b']);
    expect(r.get('p')).toMatchObject({ progress: null, reason: 'no-value' });
  });

  it('detects cycles in parent links, reports them and still terminates', () => {
    const goals = [
      obj('a', 'c'),
      obj('b', 'a'),
      obj('c', 'b'),
      kr('x', 'a', 100),
      obj('self', 'self'),
    ];
    expect(findParentCycles(goals)).toEqual([['a', 'c', 'b'], ['self']]);
    const r = rollUp(goals);
    expect(r.size).toBe(5);
    expect(r.get('b')?.issues[0]).toMatchObject({ code: 'parent-cycle', cycle: ['a', 'c', 'b'] });
    expect(r.get('a')?.progress).toBe(1);
    expect(r.get('self')?.issues[0]?.code).toBe('parent-cycle');
  });

  it('flags weights that do not add to 100, with the sum, and rejects negative ones', () => {
    const r = rollUp([obj('o'), kr('a', 'o', 100, 60), kr('b', 'o', 0, 60)]);
    expect(r.get('o')?.progress).toBeCloseTo(0.5);
    expect(r.get('o')?.issues[0]?.message).toContain('120');
    const odd = rollUp([
      obj('o'),
      kr('a', 'o', 100, 33.33),
      kr('b', 'o', 0, 33.33),
      kr('c', 'o', 0, 33.33),
    ]);
    expect(odd.get('o')?.issues[0]?.message).toContain('99.99');
    const neg = { ...kr('b', 'o', 0), weight: -10 };
    const bad = rollUp([obj('o'), kr('a', 'o', 100, 50), neg]);
    const issue = bad.get('o')?.issues[0];
    expect(issue?.code === 'weights' && issue.weightIssue.code).toBe('weight-negative');
    expect(bad.get('o')?.progress).toBe(0.5);
  });
});

/** Builds a random tree of `n` goals: each goal's parent is an earlier goal or none. */
function randomTree(rand: () => number, n: number): Goal[] {
  const goals: Goal[] = [];
  for (let i = 0; i < n; i += 1) {
    // Mostly earlier goals (a tree); sometimes any goal, so cycles and self-links occur too.
    const roll = rand();
    const parent =
      roll < 0.08
        ? `g${Math.floor(rand() * n)}`
        : i > 0 && roll < 0.85
          ? `g${Math.floor(rand() * i)}`
          : null;
    const weight = rand() < 0.5 ? null : Math.round(rand() * 100);
    const start = Math.round(rand() * 200 - 100);
    const target = rand() < 0.1 ? start : Math.round(rand() * 200 - 100);
    const current = rand() < 0.1 ? null : Math.round(rand() * 400 - 200);
    goals.push(
      makeGoal({
        id: `g${i}`,
        parentId: parent,
        weight,
        status: rand() < 0.1 ? 'archived' : 'active',
        metric: {
          unit: '',
          start,
          target,
          current,
          direction: rand() < 0.5 ? 'increase' : 'decrease',
        },
      }),
    );
  }
  return goals;
}

describe('roll-up properties (seeded)', () => {
  it('parents stay within 0..1 and permuting the input changes nothing', () => {
    const seed = propertySeed();
    const rand = seededRandom(seed);
    try {
      for (let run = 0; run < 200; run += 1) {
        const goals = randomTree(rand, 1 + Math.floor(rand() * 40));
        const mode = rand() < 0.5 ? 'weighted' : 'mean';
        const base = rollUp(goals, { mode });
        for (const entry of base.values()) {
          if (entry.source === 'children' && entry.progress !== null) {
            expect(entry.progress).toBeGreaterThanOrEqual(0);
            expect(entry.progress).toBeLessThanOrEqual(1);
          }
          if (entry.clamped !== null) {
            expect(entry.clamped).toBeGreaterThanOrEqual(0);
            expect(entry.clamped).toBeLessThanOrEqual(1);
          }
        }
        const shuffled = [...goals];
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          const j = Math.floor(rand() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j] as Goal, shuffled[i] as Goal];
        }
        const again = rollUp(shuffled, { mode });
        for (const [id, entry] of base) expect(again.get(id)?.progress, id).toBe(entry.progress);
      }
    } catch (error) {
      throw new Error(
        `roll-up property failed with seed ${seed} (replay: FIRSTLINE_SEED=${seed})`,
        {
          cause: error,
        },
      );
    }
  });
});
