import { describe, expect, it } from 'vitest';
import { cycleProgress, type PersonCycleState } from './cycle-progress.ts';
import { testDirectory, testSettings } from './testing.ts';

function state(extra: Partial<PersonCycleState> = {}): PersonCycleState {
  return {
    scorecardCreated: true,
    scorecardSubmitted: false,
    released: false,
    acknowledged: false,
    submittedRaters: new Set(),
    ...extra,
  };
}

describe('cycle progress', () => {
  it('C6.1 counts per step and lists who has not done what', () => {
    const d = testDirectory();
    const s = testSettings({ population: { unitIds: ['t2'] }, peersPerPerson: 1 });
    const states = new Map([
      [
        'b1',
        state({
          submittedRaters: new Set(['b1', 'm2', 'b2']),
          scorecardSubmitted: true,
          released: true,
        }),
      ],
      ['b2', state({ submittedRaters: new Set(['b2']) })],
    ]);
    const p = cycleProgress(d, s, states);
    expect(p.people).toBe(3);
    expect(p.reviews.self).toEqual({ expected: 3, submitted: 2 });
    expect(p.reviews.manager).toEqual({ expected: 3, submitted: 1 });
    expect(p.reviews.peers).toEqual({ expected: 3, submitted: 1 });
    // m2's own peer is m1, a colleague under dh1 outside the population filter.
    expect(p.open).toContainEqual({ actorId: 'm1', task: 'peer-review', personId: 'm2' });
    expect(p.scorecards).toEqual({ created: 2, submitted: 1 });
    expect(p.released).toBe(1);
    const open = p.open.map((t) => `${t.actorId}:${t.task}:${t.personId}`);
    expect(open).toContain('b1:acknowledge:b1');
    expect(open).toContain('m2:manager-review:b2');
    expect(open).toContain('b1:peer-review:b2');
    expect(open).toContain('m2:self-review:m2');
    expect(open).not.toContain('b2:self-review:b2');
    expect(open).not.toContain('b2:acknowledge:b2');
  });
});
