import { describe, expect, it } from 'vitest';
import { Goal } from '../core-browser.ts';
import { childGoals, decompose } from './decomposition.ts';
import { draftTeamGoals, headcount } from './draft-team-goals.ts';
import { goalDocNames } from './goal-doc-set.ts';
import { companyGoal, testDirectory } from './goals-testing.ts';

const directory = testDirectory();

describe('decomposition and one-click drafts', () => {
  it('GOALDEC-1 children add back to the parent figure for figure, remainder explained', () => {
    const parent = companyGoal();
    const split = decompose(
      parent,
      [
        { kind: 'unit', id: 't1', label: 'North', basisValue: 3 },
        { kind: 'unit', id: 't2', label: 'Inside', basisValue: 2 },
        { kind: 'unit', id: 't3', label: 'Online', basisValue: 2 },
      ],
      'headcount',
      0,
    );
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    const sum = (k: 'start' | 'target' | 'weight') =>
      split.value.parts.reduce((a, p) => a + p[k], 0);
    expect(sum('target')).toBe(1_200_001);
    expect(sum('start')).toBe(1_000_000);
    expect(Math.round(sum('weight') * 100)).toBe(10_000);
    expect(split.value.steps.map((s) => s.text).join(' ')).toMatch(/left-over unit/);
    const ids = ['x1', 'x2', 'x3'];
    const kids = childGoals(
      parent,
      split.value,
      () => ids.shift()!,
      (r) => r.label,
    );
    for (const k of kids) expect(Goal.safeParse(k).success).toBe(true);
    expect(kids.every((k) => k.parentId === parent.id)).toBe(true);
  });

  it('GOALDEC-2 a goal without figures cannot be split, and says why', () => {
    const r = decompose(companyGoal({ metric: null }), [], 'headcount', 0);
    expect(r.ok ? null : r.reason).toBe('no-metric');
  });

  it('GOALDEC-3 two sibling teams drafting from one parent get shares that add back to it', () => {
    let n = 0;
    const newId = () => `acme:g:d${(n += 1)}`;
    const parent = companyGoal();
    const drafts = ['t1', 't2'].map((id) =>
      draftTeamGoals({ parent, team: directory.units.get(id)!, directory, locale: 'en', newId }),
    );
    const shares = drafts.map((d) => d.goals[0]!);
    expect(shares.map((g) => g.owner.id)).toEqual(['t1', 't2']);
    expect(shares.reduce((a, g) => a + g.metric!.target, 0)).toBe(1_200_001);
    expect(headcount(directory, 't1')).toBe(3);
    // Sales teams get the sales library's goals too, as drafts under the parent.
    expect(drafts[0]!.industry).toBe('sales');
    expect(drafts[0]!.goals.length).toBeGreaterThanOrEqual(3);
    for (const g of drafts[0]!.goals) {
      expect(Goal.safeParse(g).success).toBe(true);
      expect(g.status).toBe('draft');
      expect(g.parentId).toBe(parent.id);
    }
    const zh = draftTeamGoals({
      parent,
      team: directory.units.get('t1')!,
      directory,
      locale: 'zh-CN',
      newId,
    });
    expect(zh.goals[1]!.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('GOALDEC-4 a manager opens strategy, own and reports’ team docs and private docs, not a peer’s', () => {
    const names = goalDocNames(
      { personId: 'm1', org: 'acme', role: 'member', exp: null },
      directory,
    );
    expect(names).toContain('org/acme/strategy');
    expect(names).toContain('org/acme/team/t1');
    expect(names).toContain('org/acme/person/a1/private');
    expect(names).not.toContain('org/acme/person/m2/private');
    expect(names).not.toContain('org/acme/team/t2');
    const head = goalDocNames(
      { personId: 'dh', org: 'acme', role: 'member', exp: null },
      directory,
    );
    expect(head).toEqual(
      expect.arrayContaining([
        'org/acme/team/d',
        'org/acme/team/t1',
        'org/acme/team/t2',
        'org/acme/person/m2/private',
      ]),
    );
  });
});
