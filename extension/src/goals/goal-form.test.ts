import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAlignment, putGoal, readGoalDoc, type Goal } from '../core-browser.ts';
import {
  checkDraft,
  conflictsOf,
  draftOf,
  parentText,
  resolveParent,
  saveGoal,
  visibleIssues,
  type GoalDraft,
} from './goal-form.ts';
import { alignmentText } from './alignment-text.ts';
import { issueText } from './issue-text.ts';
import { translator } from '../i18n/i18n.ts';
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
        base: null,
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
      base: draftOf(base),
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
      base: null,
      now: 3,
      origin,
    });
    expect(notOpen.ok ? null : notOpen.reason).toBe('not-open');
  });
});

describe('concurrent edits of one goal from two forms (user test, P1)', () => {
  const name = 'org/acme/team/t1';
  const target = { docName: name, org: 'acme', private: false };
  const goal = companyGoal({
    id: 'acme:g:north',
    title: 'North revenue',
    owner: { kind: 'unit', id: 't1' },
    weight: 50,
    milestones: [{ id: 'm1', title: 'Kick-off', due: '2026-02-01', done: false, weight: null }],
  });
  /** Two panels' copies of the team document, synced by exchanging their updates. */
  function twoPanels(): { a: Y.Doc; b: Y.Doc; sync: () => void } {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(putGoal(a, target, goal, { now: 1 }).ok).toBe(true);
    const sync = (): void => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    };
    sync();
    return { a, b, sync };
  }
  const submit = (doc: Y.Doc, base: GoalDraft, draft: GoalDraft, overwrite: string[] = []) => {
    const check = checkDraft(draft, 'acme', [goal]);
    expect(check.goal).not.toBeNull();
    return saveGoal({
      goal: check.goal as Goal,
      org: 'acme',
      directory: testDirectory(),
      docs: new Map([[name, doc]]),
      currentDoc: name,
      base,
      overwrite: overwrite as never,
      now: 5,
      origin: {},
    });
  };
  const stored = (doc: Y.Doc): Goal => readGoalDoc(doc, name).goals[0]?.goal as Goal;

  it('GOALUI-8 edits of different fields both survive; a field both changed is not overwritten silently', () => {
    const { a, b, sync } = twoPanels();
    const openedA = draftOf(stored(a));
    const openedB = draftOf(stored(b)); // B opens the form before A saves
    expect(submit(a, openedA, { ...openedA, title: 'North A', target: '2000000' }).ok).toBe(true);
    sync();
    const clash = submit(b, openedB, { ...openedB, title: 'North B', weight: '60' });
    expect(clash.ok).toBe(false);
    expect(clash.ok ? [] : conflictsOf(clash)).toEqual([{ field: 'title', theirs: 'North A' }]);
    expect(stored(b).weight).toBe(50); // nothing written while the user has not decided
    // B has seen A's title and keeps its own: only B's changed fields are written.
    expect(submit(b, openedB, { ...openedB, title: 'North B', weight: '60' }, ['title']).ok).toBe(
      true,
    );
    sync();
    for (const doc of [a, b]) {
      const g = stored(doc);
      expect(g.title).toBe('North B');
      expect(g.weight).toBe(60);
      expect(g.metric?.target).toBe(2_000_000); // A's target is not replaced by B's stale one
      expect(g.milestones.map((m) => m.id)).toEqual(['m1']); // fields the form lacks survive
    }
  });

  it('GOALUI-9 a check-in recorded while the form is open is not undone by saving the form', () => {
    const { a, b, sync } = twoPanels();
    const opened = draftOf(stored(b));
    a.transact(() =>
      (a.getMap('goals').get(goal.id) as Y.Map<Y.Map<unknown>>)
        .get('metric')
        ?.set('current', 1_100_000),
    );
    sync();
    expect(submit(b, opened, { ...opened, unit: 'EUR' }).ok).toBe(true);
    sync();
    expect(stored(a).metric).toMatchObject({ unit: 'EUR', current: 1_100_000 });
  });
});

describe('goal form and alignment wording (user test)', () => {
  const blank: GoalDraft = { ...draftOf(companyGoal({ id: 'acme:g:new' })), title: '' };

  it('GOALUI-10 a new form shows no field error until the field is touched or a save is tried', () => {
    const issues = checkDraft(blank, 'acme', []).issues;
    expect(issues.map((i) => i.field)).toContain('title');
    expect(visibleIssues(issues, new Set(), false)).toEqual([]);
    expect(visibleIssues(issues, new Set(['target']), false)).toEqual([]);
    expect(visibleIssues(issues, new Set(['title']), false).map((i) => i.field)).toEqual(['title']);
    const tried = visibleIssues(issues, new Set(), true);
    const titleIssue = tried.find((i) => i.field === 'title');
    expect(titleIssue).toBeDefined();
    const en = issueText(titleIssue!, translator('en'), 'en');
    const zh = issueText(titleIssue!, translator('zh-CN'), 'zh-CN');
    expect(en).toBe('Give the goal a title.');
    expect(zh).toBe('请填写目标标题。');
    const weight = checkDraft({ ...blank, title: 'x', weight: 'forty' }, 'acme', []).issues[0]!;
    expect(issueText(weight, translator('en'), 'en')).toBe('Weight must be a number.');
  });

  it('GOALUI-11 alignment findings name goals by title, in the panel language, never as their own top', () => {
    const directory = testDirectory();
    const team = companyGoal({
      id: 'acme:g:63de',
      title: 'Team pipeline',
      owner: { kind: 'unit', id: 't1' },
    });
    const child = companyGoal({
      id: 'acme:g:77aa',
      title: 'My calls',
      owner: { kind: 'person', id: 'a1' },
      parentId: team.id,
    });
    const report = checkAlignment([team, child], [...directory.units.values()]);
    const byGoal = new Map(report.orphans.map((o) => [o.goalId, o]));
    const en = alignmentText([team, child], translator('en'));
    const zh = alignmentText([team, child], translator('zh-CN'));
    const self = en.orphan(byGoal.get(team.id)!);
    expect(self).toContain('“Team pipeline” is a top goal');
    expect(self).not.toContain('leads up to');
    expect(en.orphan(byGoal.get(child.id)!)).toContain('“My calls” leads up to “Team pipeline”');
    for (const o of report.orphans) {
      expect(en.orphan(o)).not.toMatch(/acme:g:/);
      expect(zh.orphan(o)).not.toMatch(/acme:g:|leads up/);
    }
    expect(zh.orphan(byGoal.get(team.id)!)).toContain('“Team pipeline”是一个不属于公司的顶层目标');
  });
});

describe('parent goal typed by title (user test)', () => {
  it('GOALUI-20 the exact title of a goal, in any case, resolves to that goal’s id', () => {
    for (const typed of [parent.title, `  ${parent.title.toUpperCase()} `]) {
      const check = checkDraft({ ...draft, parentId: typed }, 'acme', [parent, sibling]);
      expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(check.goal?.parentId).toBe(parent.id);
    }
    expect(resolveParent(parent.id, [parent, sibling], draft.id)).toEqual({
      kind: 'goal',
      id: parent.id,
    });
    // The box shows the title of a stored parent, never the generated id.
    expect(parentText(parent.id, [parent, sibling])).toBe(parent.title);
  });

  it('GOALUI-21 a title no goal has says what is expected, in both languages', () => {
    const check = checkDraft({ ...draft, parentId: 'Grow revnue' }, 'acme', [parent, sibling]);
    const issue = check.issues.find((i) => i.field === 'parentId');
    expect(check.goal).toBeNull();
    expect(issue?.code).toBe('parent-unknown');
    const en = issueText(issue!, translator('en'), 'en');
    expect(en).toContain('“Grow revnue”');
    expect(en).toContain('by its title');
    expect(en).not.toContain('cannot be used');
    expect(issueText(issue!, translator('zh-CN'), 'zh-CN')).toContain('按标题');
  });

  it('GOALUI-22 a title two goals share is not guessed; its id still works', () => {
    const twin = companyGoal({ id: 'acme:g:twin', title: sibling.title, parentId: parent.id });
    const goals = [parent, sibling, twin];
    const check = checkDraft({ ...draft, parentId: sibling.title }, 'acme', goals);
    expect(check.goal).toBeNull();
    expect(check.issues.find((i) => i.field === 'parentId')?.message).toContain('Several goals');
    expect(parentText(twin.id, goals)).toBe(twin.id);
    expect(checkDraft({ ...draft, parentId: twin.id }, 'acme', goals).goal?.parentId).toBe(twin.id);
  });
});
