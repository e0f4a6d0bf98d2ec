import { describe, expect, it } from 'vitest';
import type { Directory } from '../docs/directory.ts';
import { parseDocName } from '../docs/names.ts';
import type { Person, ReviewCycle, Role, Unit } from '../model/org.ts';
import { decideAccess, type Access, type DocFacts, type Principal } from './permissions.ts';

function person(
  id: string,
  managerId: string | null,
  unitId: string | null,
  extra?: Partial<Person>,
): Person {
  return {
    id,
    externalId: null,
    name: id.toUpperCase(),
    email: null,
    title: '',
    jobFamily: '',
    unitId,
    regionId: null,
    managerId,
    status: 'active',
    hiredOn: null,
    leftOn: null,
    ...extra,
  };
}

function unit(
  id: string,
  kind: Unit['kind'],
  parentId: string | null,
  headId: string | null,
): Unit {
  return { id, name: id, kind, parentId, headId };
}

function cycle(id: string, phase: ReviewCycle['phase']): ReviewCycle {
  return { id, name: id, start: '2026-01-01', end: '2026-12-31', phase };
}

/**
 * ceo heads the company; dh1/dh2 head departments d1/d2; m1 heads team t1 (a1, a2), m2 heads
 * team t2 (b1). hr1 and admin1 sit outside every chain below the ceo, so only their role counts.
 */
function makeDirectory(overrides: Person[] = []): Directory {
  const people = [
    person('ceo', null, 'c'),
    person('dh1', 'ceo', 'd1'),
    person('dh2', 'ceo', 'd2'),
    person('m1', 'dh1', 't1'),
    person('a1', 'm1', 't1'),
    person('a2', 'm1', 't1'),
    person('m2', 'dh2', 't2'),
    person('b1', 'm2', 't2'),
    person('hr1', 'ceo', 'c'),
    person('admin1', 'ceo', 'c'),
    person('gone', 'm1', 't1', { status: 'terminated' }),
  ];
  for (const o of overrides)
    people.splice(
      people.findIndex((p) => p.id === o.id),
      1,
      o,
    );
  return {
    org: { id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en' },
    units: new Map(
      [
        unit('c', 'company', null, 'ceo'),
        unit('d1', 'department', 'c', 'dh1'),
        unit('d2', 'department', 'c', 'dh2'),
        unit('t1', 'team', 'd1', 'm1'),
        unit('t2', 'team', 'd2', 'm2'),
      ].map((u) => [u.id, u]),
    ),
    regions: new Map(),
    people: new Map(people.map((p) => [p.id, p])),
    cycles: new Map(
      [
        cycle('c-open', 'goal-setting'),
        cycle('c-rel', 'feedback'),
        cycle('c-closed', 'closed'),
      ].map((c) => [c.id, c]),
    ),
    invalid: [],
  };
}

const who: Record<string, Principal> = {
  self: { personId: 'a1', org: 'acme', role: 'member' },
  manager: { personId: 'm1', org: 'acme', role: 'member' },
  skipLevel: { personId: 'dh1', org: 'acme', role: 'member' },
  peer: { personId: 'a2', org: 'acme', role: 'member' },
  otherTeam: { personId: 'b1', org: 'acme', role: 'member' },
  otherManager: { personId: 'm2', org: 'acme', role: 'member' },
  hr: { personId: 'hr1', org: 'acme', role: 'hr' },
  admin: { personId: 'admin1', org: 'acme', role: 'admin' },
};
const columns = Object.keys(who);

const W: Access = 'write';
const R: Access = 'read';
const D: Access = 'deny';

const SUBMITTED: DocFacts = { reviewSubmitted: true, released: false };
const RELEASED: DocFacts = { reviewSubmitted: false, released: true };

// Columns: self, manager, skipLevel, peer, otherTeam, otherManager, hr, admin. Subject is a1.
// A third element gives the facts read from the cycle documents (C5.4); none means none.
const matrix: [string, Access[], DocFacts?][] = [
  ['org/acme/directory', [R, R, R, R, R, R, W, W]],
  ['org/acme/strategy', [R, R, W, R, R, R, W, W]],
  ['org/acme/team/t1', [W, W, W, W, D, D, R, D]],
  ['org/acme/person/a1/record', [R, W, W, D, D, D, W, W]],
  ['org/acme/person/a1/private', [W, W, W, D, D, D, R, D]],
  ['org/acme/person/a1/coaching', [D, W, W, D, D, D, R, D]],
  ['org/acme/person/a1/one-on-one', [W, W, R, D, D, D, D, D]],
  ['org/acme/cycle/c-open/scorecard/a1', [D, W, W, D, D, D, W, D]],
  ['org/acme/cycle/c-rel/scorecard/a1', [D, W, W, D, D, D, W, D]],
  ['org/acme/cycle/c-open/scorecard/a1', [R, W, W, D, D, D, W, D], RELEASED],
  ['org/acme/cycle/c-closed/scorecard/a1', [R, R, R, D, D, D, R, D], RELEASED],
  ['org/acme/cycle/c-none/scorecard/a1', [D, D, D, D, D, D, D, D], RELEASED],
  ['org/acme/cycle/c-open/review/a1/a2', [D, D, D, W, D, D, D, D]],
  ['org/acme/cycle/c-open/review/a1/a2', [D, R, R, R, D, D, R, D], SUBMITTED],
  ['org/acme/cycle/c-rel/review/a1/a2', [D, D, D, R, D, D, D, D]],
  ['org/acme/cycle/c-rel/review/a1/a2', [D, R, R, R, D, D, R, D], SUBMITTED],
  ['org/acme/cycle/c-open/review/a1/a1', [W, D, D, D, D, D, D, D]],
  ['org/acme/cycle/c-open/review/a1/m1', [D, W, D, D, D, D, D, D]],
  ['org/acme/cycle/c-open/review/a1/m1', [D, R, R, D, D, D, R, D], SUBMITTED],
  ['org/acme/cycle/c-open/review/a1/b1', [D, D, D, D, D, D, D, D]],
  ['org/acme/cycle/c-open/review/m1/a1', [W, D, D, D, D, D, D, D]],
  ['org/acme/cycle/c-open/feedback/a1', [D, W, W, D, D, D, R, D]],
  ['org/acme/cycle/c-open/feedback/a1', [W, W, W, D, D, D, R, D], RELEASED],
  ['org/acme/cycle/c-closed/feedback/a1', [R, R, R, D, D, D, R, D], RELEASED],
  ['org/acme/user/a1/prefs', [W, D, D, D, D, D, D, D]],
];

describe('decideAccess (THREAT_MODEL access table)', () => {
  const directory = makeDirectory();
  for (const [name, expected, facts] of matrix) {
    const label = facts ? ` with ${JSON.stringify(facts)}` : '';
    const check = () => {
      const ref = parseDocName(name);
      expect(ref).not.toBeNull();
      const got = columns.map((c) => decideAccess(who[c]!, ref!, directory, facts));
      expect(Object.fromEntries(columns.map((c, i) => [c, got[i]]))).toEqual(
        Object.fromEntries(columns.map((c, i) => [c, expected[i]])),
      );
    };
    // Cycle documents follow SPEC C5.4, with the submitted/released facts of their documents.
    if (name.includes('/cycle/')) it(`C5.4 ACCESS ${name}${label}`, check);
    else it(`ACCESS ${name}${label}`, check);
  }

  it('ACCESS wrong org: every role is denied every document kind of another org', () => {
    for (const [name] of matrix) {
      const ref = parseDocName(name)!;
      for (const role of ['member', 'hr', 'admin'] as Role[]) {
        expect(decideAccess({ personId: 'a1', org: 'other', role }, ref, directory), name).toBe(D);
      }
    }
  });

  it('ACCESS the chain is read at check time: a reorganisation moves record access', () => {
    const ref = parseDocName('org/acme/person/a1/record')!;
    const moved = makeDirectory([person('a1', 'm2', 't2')]);
    expect(decideAccess(who.manager!, ref, moved)).toBe(D);
    expect(decideAccess(who.otherManager!, ref, moved)).toBe(W);
    expect(decideAccess(who.manager!, parseDocName('org/acme/team/t2')!, moved)).toBe(D);
    expect(decideAccess(who.otherManager!, parseDocName('org/acme/team/t1')!, moved)).toBe(D);
  });

  it('ACCESS a terminated person is denied even the directory', () => {
    const gone: Principal = { personId: 'gone', org: 'acme', role: 'member' };
    expect(decideAccess(gone, parseDocName('org/acme/directory')!, directory)).toBe(D);
    expect(decideAccess(gone, parseDocName('org/acme/user/gone/prefs')!, directory)).toBe(D);
  });

  it('ACCESS a role is combined with relations: an hr person who manages gets chain rights', () => {
    const hrManager: Principal = { personId: 'm1', org: 'acme', role: 'hr' };
    expect(decideAccess(hrManager, parseDocName('org/acme/person/a1/coaching')!, directory)).toBe(
      W,
    );
    expect(decideAccess(hrManager, parseDocName('org/acme/person/b1/coaching')!, directory)).toBe(
      R,
    );
  });

  it('ACCESS someone not yet in the directory keeps only their role rights', () => {
    const boot: Principal = { personId: 'new-admin', org: 'acme', role: 'admin' };
    expect(decideAccess(boot, parseDocName('org/acme/directory')!, directory)).toBe(W);
    expect(decideAccess(boot, parseDocName('org/acme/person/a1/record')!, directory)).toBe(W);
    expect(decideAccess(boot, parseDocName('org/acme/team/t1')!, directory)).toBe(D);
  });

  it('ACCESS a member token for a person not in the directory opens nothing', () => {
    const ghost: Principal = { personId: 'p-nobody', org: 'acme', role: 'member' };
    for (const name of [
      'org/acme/directory',
      'org/acme/strategy',
      'org/acme/person/p-nobody/record',
      'org/acme/person/p-nobody/private',
      'org/acme/user/p-nobody/prefs',
    ]) {
      expect(decideAccess(ghost, parseDocName(name)!, directory), name).toBe(D);
    }
  });

  it('ACCESS a manager chain with a cycle does not hang and grants nothing extra', () => {
    const looped = makeDirectory([person('m1', 'a1', 't1'), person('a1', 'm1', 't1')]);
    const ref = parseDocName('org/acme/person/a1/record')!;
    expect(decideAccess(who.manager!, ref, looped)).toBe(W);
    expect(decideAccess(who.skipLevel!, ref, looped)).toBe(D);
  });
});
