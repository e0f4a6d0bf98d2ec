import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildGoalTree } from '../goals/goal-tree.ts';
import { rollUp } from '../goals/roll-up.ts';
import { makeGoal, propertySeed, seededRandom } from '../goals/testing.ts';
import type { Person, Unit } from '../model/org.ts';
import type { Goal } from '../model/performance.ts';
import { assembleGoalForest, wouldCreateCycle } from './goal-docs-forest.ts';
import { placeGoal } from './goal-docs-placement.ts';
import {
  goalsMap,
  makeGoalId,
  moveGoal,
  orgOfGoalId,
  putGoal,
  readGoalDoc,
  setGoalDeleted,
  setGoalProgress,
  updateGoal,
  type GoalDocTarget,
} from './goal-docs.ts';

const ORG = 'acme';
const STRATEGY: GoalDocTarget = { docName: 'org/acme/strategy', org: ORG, private: false };
const TEAM: GoalDocTarget = { docName: 'org/acme/team/t1', org: ORG, private: false };
const PRIVATE: GoalDocTarget = { docName: 'org/acme/person/a1/private', org: ORG, private: true };

const id = (n: string): string => makeGoalId(ORG, n);

function goal(n: string, fields: Partial<Goal> = {}): Goal {
  return makeGoal({
    id: id(n),
    metric: { unit: '', start: 0, target: 100, current: null, direction: 'increase' },
    ...fields,
  });
}

/** Two replicas that exchange their missing updates both ways, as a sync round does. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function forestOf(docs: readonly [Y.Doc, string][]) {
  return assembleGoalForest(
    ORG,
    docs.flatMap(([d, name]) => readGoalDoc(d, name).goals),
  );
}

describe('goal documents', () => {
  it('GOALDOC-1 two managers editing different fields of one goal both keep their change', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(putGoal(a, TEAM, goal('x'), { now: 1 }).ok).toBe(true);
    exchange(a, b);
    expect(updateGoal(a, TEAM, id('x'), { title: 'Ship the line layout' }).ok).toBe(true);
    expect(updateGoal(b, TEAM, id('x'), { metric: { target: 80 } }).ok).toBe(true);
    expect(setGoalProgress(b, id('x'), 12).ok).toBe(true);
    exchange(a, b);
    for (const d of [a, b]) {
      const [g] = readGoalDoc(d, TEAM.docName).goals;
      expect(g?.goal.title).toBe('Ship the line layout');
      expect(g?.goal.metric?.target).toBe(80);
      expect(g?.goal.metric?.current).toBe(12);
    }
  });

  it('GOALDOC-2 a bad entry is reported and skipped, the rest still reads', () => {
    const d = new Y.Doc();
    putGoal(d, TEAM, goal('ok'), { now: 1 });
    d.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set('title', '');
      goalsMap(d).set(id('bad'), bad);
    });
    const read = readGoalDoc(d, TEAM.docName);
    expect(read.goals.map((g) => g.goal.id)).toEqual([id('ok')]);
    expect(read.invalid).toHaveLength(1);
    expect(read.invalid[0]?.key).toBe(id('bad'));
  });

  it('GOALDOC-3 writes refuse private goals in shared docs, public in private, other orgs, bad periods', () => {
    const d = new Y.Doc();
    const priv = putGoal(d, TEAM, goal('p', { visibility: 'private' }), { now: 1 });
    expect(priv.ok ? null : priv.reason).toBe('private-in-shared-doc');
    const pub = putGoal(d, PRIVATE, goal('q'), { now: 1 });
    expect(pub.ok ? null : pub.reason).toBe('public-in-private-doc');
    const foreign = putGoal(d, TEAM, goal('r', { parentId: 'other:g:1' }), { now: 1 });
    expect(foreign.ok ? null : foreign.reason).toBe('wrong-org');
    const reversed = putGoal(
      d,
      TEAM,
      { ...goal('s'), periodStart: '2026-12-31', periodEnd: '2026-01-01' },
      { now: 1 },
    );
    expect(reversed.ok ? null : reversed.reason).toBe('invalid-goal');
    expect(goalsMap(d).size).toBe(0);

    putGoal(d, TEAM, goal('t'), { now: 1 });
    const patch = updateGoal(d, TEAM, id('t'), { periodEnd: '2025-01-01' });
    expect(patch.ok ? null : patch.reason).toBe('invalid-goal');
    expect(readGoalDoc(d, TEAM.docName).goals[0]?.goal.periodEnd).toBe('2026-12-31');
    expect(moveGoal(d, TEAM, id('t'), 'other:g:9', { now: 2 }).ok).toBe(false);
    expect(moveGoal(d, TEAM, id('t'), id('t'), { now: 2 }).ok).toBe(false);
  });

  it('GOALDOC-4 concurrent moves that close a loop are cut at the goal moved last, on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    putGoal(a, STRATEGY, goal('root', { owner: { kind: 'unit', id: 'c' } }), { now: 1 });
    putGoal(a, STRATEGY, goal('x', { parentId: id('root') }), { now: 1 });
    putGoal(a, STRATEGY, goal('y', { parentId: id('root') }), { now: 1 });
    exchange(a, b);
    moveGoal(a, STRATEGY, id('x'), id('y'), { now: 10 });
    moveGoal(b, STRATEGY, id('y'), id('x'), { now: 20 });
    exchange(a, b);
    const fa = forestOf([[a, STRATEGY.docName]]);
    const fb = forestOf([[b, STRATEGY.docName]]);
    expect(fa).toEqual(fb);
    expect(fa.goals.map((g) => g.id).sort()).toEqual([id('root'), id('x'), id('y')].sort());
    const cut = fa.issues.find((i) => i.code === 'cycle-cut');
    expect(cut?.goalId).toBe(id('y'));
    expect(fa.goals.find((g) => g.id === id('x'))?.parentId).toBe(id('y'));
    expect(buildGoalTree(fa.goals).cycles).toEqual([]);
  });

  it('GOALDOC-5 a loop across documents (strategy goal under a team goal) is cut too', () => {
    const s = new Y.Doc();
    const t = new Y.Doc();
    putGoal(s, STRATEGY, goal('s1', { owner: { kind: 'unit', id: 'c' } }), { now: 1 });
    putGoal(t, TEAM, goal('t1', { owner: { kind: 'unit', id: 't1' }, parentId: id('s1') }), {
      now: 2,
    });
    moveGoal(s, STRATEGY, id('s1'), id('t1'), { now: 3 });
    const forest = forestOf([
      [s, STRATEGY.docName],
      [t, TEAM.docName],
    ]);
    expect(forest.issues.map((i) => i.code)).toContain('cycle-cut');
    expect(forest.goals.find((g) => g.id === id('s1'))?.parentId).toBeNull();
    expect(forest.goals.find((g) => g.id === id('t1'))?.parentId).toBe(id('s1'));
  });

  it('GOALDOC-6 deleting a goal keeps its children under the nearest living ancestor; a concurrent edit survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    putGoal(a, TEAM, goal('top'), { now: 1 });
    putGoal(a, TEAM, goal('mid', { parentId: id('top') }), { now: 1 });
    putGoal(a, TEAM, goal('leaf', { parentId: id('mid'), weight: 40 }), { now: 1 });
    exchange(a, b);
    setGoalDeleted(a, id('mid'), true);
    updateGoal(b, TEAM, id('mid'), { title: 'Renamed meanwhile' });
    exchange(a, b);
    const forest = forestOf([[b, TEAM.docName]]);
    expect(forest.goals.find((g) => g.id === id('leaf'))?.parentId).toBe(id('top'));
    expect(forest.deleted.map((g) => g.title)).toEqual(['Renamed meanwhile']);
    expect(forest.issues.map((i) => i.code)).toEqual(['parent-deleted']);
    setGoalDeleted(b, id('mid'), false);
    expect(forestOf([[b, TEAM.docName]]).goals.find((g) => g.id === id('leaf'))?.parentId).toBe(
      id('mid'),
    );
  });

  it('GOALDOC-7 a team goal rolls up into its strategy parent across documents', () => {
    const s = new Y.Doc();
    const t = new Y.Doc();
    putGoal(s, STRATEGY, goal('s1', { owner: { kind: 'unit', id: 'c' } }), { now: 1 });
    putGoal(t, TEAM, goal('a', { parentId: id('s1'), weight: 75 }), { now: 1 });
    putGoal(t, TEAM, goal('b', { parentId: id('s1'), weight: 25 }), { now: 1 });
    setGoalProgress(t, id('a'), 100);
    setGoalProgress(t, id('b'), 0);
    const forest = forestOf([
      [s, STRATEGY.docName],
      [t, TEAM.docName],
    ]);
    expect(rollUp(forest.goals).get(id('s1'))?.progress).toBeCloseTo(0.75, 12);
    expect(forest.docOf.get(id('a'))).toBe(TEAM.docName);
  });

  it('GOALDOC-8 an id found in two documents is shown once, from the wider document', () => {
    const s = new Y.Doc();
    const t = new Y.Doc();
    putGoal(s, STRATEGY, goal('dup', { title: 'from strategy' }), { now: 1 });
    putGoal(t, TEAM, goal('dup', { title: 'from team' }), { now: 1 });
    const forest = forestOf([
      [t, TEAM.docName],
      [s, STRATEGY.docName],
    ]);
    expect(forest.goals.map((g) => g.title)).toEqual(['from strategy']);
    expect(forest.issues[0]?.code).toBe('duplicate-id');
  });

  it('GOALDOC-9 ids carry their organisation; a typed foreign parent is reported, not followed', () => {
    expect(orgOfGoalId(makeGoalId('acme', 'abc-1'))).toBe('acme');
    expect(orgOfGoalId('imported-17')).toBeNull();
    const stored = [
      {
        goal: goal('x', { parentId: 'globex:g:1' }),
        deleted: false,
        movedAt: 0,
        docName: TEAM.docName,
      },
    ];
    const forest = assembleGoalForest(ORG, stored);
    expect(forest.goals[0]?.parentId).toBeNull();
    expect(forest.issues[0]?.code).toBe('parent-other-org');
  });

  it('GOALDOC-10 placement follows visibility, then the owner', () => {
    const units = new Map<string, Unit>([
      ['c', { id: 'c', name: 'Co', kind: 'company', parentId: null, headId: null }],
      ['t1', { id: 't1', name: 'T1', kind: 'team', parentId: 'c', headId: 'm1' }],
    ]);
    const person = (pid: string, unitId: string | null): Person => ({
      id: pid,
      externalId: null,
      name: pid,
      email: null,
      title: '',
      jobFamily: '',
      unitId,
      regionId: null,
      managerId: null,
      status: 'active',
      hiredOn: null,
      leftOn: null,
    });
    const people = new Map([
      ['a1', person('a1', 't1')],
      ['x', person('x', null)],
    ]);
    const dir = { units, people };
    const place = (owner: Goal['owner'], visibility: Goal['visibility']) => {
      const r = placeGoal(ORG, { owner, visibility }, dir);
      return r.ok ? r.value.docName : r.reason;
    };
    expect(place({ kind: 'unit', id: 'c' }, 'public')).toBe('org/acme/strategy');
    expect(place({ kind: 'unit', id: 't1' }, 'public')).toBe('org/acme/team/t1');
    expect(place({ kind: 'person', id: 'a1' }, 'public')).toBe('org/acme/team/t1');
    expect(place({ kind: 'person', id: 'a1' }, 'private')).toBe('org/acme/person/a1/private');
    expect(place({ kind: 'unit', id: 't1' }, 'private')).toBe('private-needs-person');
    expect(place({ kind: 'person', id: 'x' }, 'public')).toBe('person-without-unit');
  });

  it('GOALDOC-12 putGoal stamps createdAt on a new goal and keeps it when the goal is rewritten', () => {
    const d = new Y.Doc();
    const first = putGoal(d, TEAM, goal('fresh'), { now: 1_700_000_000_000 });
    expect(first.ok && first.value.createdAt).toBe(1_700_000_000_000);
    putGoal(d, TEAM, goal('fresh', { title: 'Renamed' }), { now: 1_800_000_000_000 });
    const [read] = readGoalDoc(d, TEAM.docName).goals;
    expect(read?.goal.title).toBe('Renamed');
    expect(read?.goal.createdAt).toBe(1_700_000_000_000);
  });

  it('GOALDOC-11 a move under one of its own descendants is seen as a loop before it is made', () => {
    const goals = [
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'b' },
    ];
    expect(wouldCreateCycle(goals, 'a', 'c')).toBe(true);
    expect(wouldCreateCycle(goals, 'c', 'a')).toBe(false);
    expect(wouldCreateCycle(goals, 'a', null)).toBe(false);
  });
});

describe('goal documents under random concurrent edits (seeded)', () => {
  const seeds = [7, 1234, 99991, propertySeed()];
  for (const seed of seeds) {
    it(`GOALDOC-CONVERGE seed ${seed}`, () => {
      const log: string[] = [];
      try {
        const random = seededRandom(seed);
        const replicas = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
        const created: string[] = [];
        let clock = 0;
        for (let step = 0; step < 150; step += 1) {
          const r = Math.floor(random() * replicas.length);
          const d = replicas[r] as Y.Doc;
          const live = readGoalDoc(d, TEAM.docName).goals.map((g) => g.goal.id);
          const pick = (): string | null =>
            live.length === 0 ? null : (live[Math.floor(random() * live.length)] as string);
          const roll = random();
          clock += 1;
          if (roll < 0.3 || live.length < 2) {
            const gid = `${r}-${step}`;
            const parent = pick();
            putGoal(d, TEAM, goal(gid, { parentId: parent }), { now: clock });
            created.push(id(gid));
            log.push(`${step} r${r} create ${gid} under ${parent}`);
          } else if (roll < 0.6) {
            const g = pick() as string;
            const p = random() < 0.15 ? null : pick();
            log.push(`${step} r${r} move ${g} under ${p}`);
            moveGoal(d, TEAM, g, p, { now: clock });
          } else if (roll < 0.75) {
            const g = pick() as string;
            log.push(`${step} r${r} progress ${g}`);
            setGoalProgress(d, g, Math.floor(random() * 120));
          } else if (roll < 0.85) {
            const g = pick() as string;
            log.push(`${step} r${r} delete/restore ${g}`);
            setGoalDeleted(d, g, random() < 0.7);
          } else {
            const i = Math.floor(random() * replicas.length);
            const j = Math.floor(random() * replicas.length);
            log.push(`${step} sync r${i} -> r${j}`);
            const to = replicas[j] as Y.Doc;
            Y.applyUpdate(to, Y.encodeStateAsUpdate(replicas[i] as Y.Doc, Y.encodeStateVector(to)));
          }
        }
        for (const a of replicas) for (const b of replicas) if (a !== b) exchange(a, b);
        const forests = replicas.map((d) => forestOf([[d, TEAM.docName]]));
        for (const f of forests.slice(1)) expect(f).toEqual(forests[0]);
        const f = forests[0]!;
        expect(buildGoalTree(f.goals).cycles).toEqual([]);
        const all = new Set([...f.goals, ...f.deleted].map((g) => g.id));
        expect(created.filter((c) => !all.has(c))).toEqual([]);
        const ids = new Set(f.goals.map((g) => g.id));
        for (const g of f.goals) {
          // Every live goal reaches a top goal through live goals only.
          expect(g.parentId === null || ids.has(g.parentId)).toBe(true);
        }
      } catch (error) {
        throw new Error(`seed ${seed} failed (FIRSTLINE_SEED=${seed}); log:\n${log.join('\n')}`, {
          cause: error,
        });
      }
    });
  }
});
