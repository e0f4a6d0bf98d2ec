import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putGoal, readGoalDoc, updateGoal } from '../core-browser.ts';
import { GoalUndo } from './goal-undo.ts';
import { companyGoal } from './goals-testing.ts';

const TARGET = { docName: 'org/acme/strategy', org: 'acme', private: false };
const TEAM = { docName: 'org/acme/team/t1', org: 'acme', private: false };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const title = (d: Y.Doc, name: string) => readGoalDoc(d, name).goals[0]?.goal.title;
const target = (d: Y.Doc, name: string) => readGoalDoc(d, name).goals[0]?.goal.metric?.target;

describe('per-panel undo', () => {
  it('GOALUNDO-1 undo in one panel reverts only its own edit, not the other manager’s', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const undoA = new GoalUndo();
    const undoB = new GoalUndo();
    undoA.track(TARGET.docName, a);
    undoB.track(TARGET.docName, b);
    putGoal(a, TARGET, companyGoal(), { now: 1 });
    sync(a, b);
    updateGoal(a, TARGET, 'acme:g:company', { title: 'Title by A' }, { origin: undoA.origin });
    updateGoal(
      b,
      TARGET,
      'acme:g:company',
      { metric: { target: 1_500_000 } },
      { origin: undoB.origin },
    );
    sync(a, b);
    expect(undoA.canUndo()).toBe(true);
    undoA.undo();
    sync(a, b);
    for (const d of [a, b]) {
      expect(title(d, TARGET.docName)).toBe('Revenue 2026');
      expect(target(d, TARGET.docName)).toBe(1_500_000);
    }
    expect(undoA.canUndo()).toBe(false);
    expect(undoA.redo()).toBe(true);
    expect(title(a, TARGET.docName)).toBe('Title by A');
  });

  it('GOALUNDO-2 undo walks back across documents in the order the edits were made', async () => {
    const s = new Y.Doc();
    const t = new Y.Doc();
    const undo = new GoalUndo();
    undo.track(TARGET.docName, s);
    undo.track(TEAM.docName, t);
    putGoal(s, TARGET, companyGoal(), { now: 1, origin: undo.origin });
    await new Promise((r) => setTimeout(r, 350));
    putGoal(t, TEAM, companyGoal({ id: 'acme:g:team', owner: { kind: 'unit', id: 't1' } }), {
      now: 2,
      origin: undo.origin,
    });
    undo.undo();
    expect(readGoalDoc(t, TEAM.docName).goals).toHaveLength(0);
    expect(readGoalDoc(s, TARGET.docName).goals).toHaveLength(1);
    undo.undo();
    expect(readGoalDoc(s, TARGET.docName).goals).toHaveLength(0);
    expect(undo.canUndo()).toBe(false);
    expect(undo.canRedo()).toBe(true);
  });
});
