import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readGoalDoc } from '../core-browser.ts';
import { checkDraft, draftOf, saveGoal } from './goal-form.ts';
import { companyGoal, testDirectory } from './goals-testing.ts';

const parent = companyGoal();
const sibling = companyGoal({
  id: 'acme:g:s1',
  title: 'North share',
  owner: { kind: 'unit', id: 't1' },
  parentId: parent.id,
  weight: 60,
});
const draft = draftOf(
  companyGoal({
    id: 'acme:g:s2',
    title: 'Inside share',
    owner: { kind: 'unit', id: 't2' },
    parentId: parent.id,
    weight: 40,
  }),
);
const codes = (d: typeof draft) =>
  checkDraft(d, 'acme', [parent, sibling]).issues.map((i) => `${i.severity}:${i.code}`);

describe('goal form checks (bad values typed)', () => {
  it('GOALUI-1 a well-formed goal passes with no finding', () => {
    expect(codes(draft)).toEqual([]);
    expect(checkDraft(draft, 'acme', [parent, sibling]).goal?.weight).toBe(40);
  });

  it('GOALUI-2 target = start is a warning, not a block', () => {
    const check = checkDraft({ ...draft, target: draft.start }, 'acme', [parent, sibling]);
    expect(check.issues.map((i) => i.code)).toContain('target-equals-start');
    expect(check.goal).not.toBeNull();
  });

  it('GOALUI-3 weights adding to 99.99 or 120 are named with their sum', () => {
    for (const [weight, sum] of [
      ['39.99', '99.99'],
      ['60', '120'],
    ] as const) {
      const check = checkDraft({ ...draft, weight }, 'acme', [parent, sibling]);
      const issue = check.issues.find((i) => i.code === 'weights-sum-not-100');
      expect(issue?.severity).toBe('warning');
      expect(issue?.message).toContain(sum);
      expect(check.goal).not.toBeNull();
    }
  });

  it('GOALUI-4 a period ending before it starts blocks the save', () => {
    const check = checkDraft({ ...draft, periodEnd: '2025-06-30' }, 'acme', [parent, sibling]);
    expect(codes({ ...draft, periodEnd: '2025-06-30' })).toContain('error:period-reversed');
    expect(check.goal).toBeNull();
  });

  it('GOALUI-5 a parent in another organisation is named as such and blocks the save', () => {
    const check = checkDraft({ ...draft, parentId: 'globex:g:123' }, 'acme', [parent, sibling]);
    const issue = check.issues.find((i) => i.code === 'parent-other-org');
    expect(issue?.message).toContain('globex');
    expect(check.goal).toBeNull();
  });

  it('GOALUI-6 words where numbers belong, and a parent below the goal itself, are errors', () => {
    expect(codes({ ...draft, weight: 'forty' })).toContain('error:invalid-field');
    const child = companyGoal({
      id: 'acme:g:child',
      parentId: draft.id,
      owner: { kind: 'unit', id: 't2' },
    });
    const loop = checkDraft({ ...draft, parentId: child.id }, 'acme', [parent, sibling, child]);
    expect(loop.issues.map((i) => i.code)).toContain('parent-cycle');
    expect(loop.goal).toBeNull();
  });

  it('GOALUI-7 making a goal private moves it to the owner’s private document and out of the team one', () => {
    const directory = testDirectory();
    const team = new Y.Doc();
    const priv = new Y.Doc();
    const docs = new Map([
      ['org/acme/team/t1', team],
      ['org/acme/person/a1/private', priv],
    ]);
    const base = companyGoal({
      id: 'acme:g:mine',
      owner: { kind: 'person', id: 'a1' },
      parentId: null,
    });
    const origin = {};
    expect(
      saveGoal({
        goal: base,
        org: 'acme',
        directory,
        docs,
        currentDoc: null,
        currentParentId: null,
        now: 1,
        origin,
      }).ok,
    ).toBe(true);
    expect(readGoalDoc(team, 'org/acme/team/t1').goals).toHaveLength(1);
    const moved = saveGoal({
      goal: { ...base, visibility: 'private' },
      org: 'acme',
      directory,
      docs,
      currentDoc: 'org/acme/team/t1',
      currentParentId: null,
      now: 2,
      origin,
    });
    expect(moved.ok && moved.value).toBe('org/acme/person/a1/private');
    expect(readGoalDoc(team, 'org/acme/team/t1').goals).toHaveLength(0);
    expect(readGoalDoc(priv, 'org/acme/person/a1/private').goals[0]?.goal.visibility).toBe(
      'private',
    );
    const notOpen = saveGoal({
      goal: { ...base, owner: { kind: 'unit', id: 't2' } },
      org: 'acme',
      directory,
      docs,
      currentDoc: null,
      currentParentId: null,
      now: 3,
      origin,
    });
    expect(notOpen.ok ? null : notOpen.reason).toBe('not-open');
  });
});
