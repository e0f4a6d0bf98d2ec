import type { Directory, Goal } from '../core-browser.ts';

/**
 * A small organisation for the goal tests (kept out of the screens): company c, department d
 * (head dh), teams t1 (head m1; a1, a2) and t2 (head m2; b1).
 */
export function testDirectory(): Directory {
  const person = (id: string, managerId: string | null, unitId: string) => ({
    id,
    externalId: null,
    name: `Person ${id}`,
    email: null,
    title: '',
    jobFamily: '',
    unitId,
    regionId: null,
    managerId,
    status: 'active' as const,
    hiredOn: null,
    leftOn: null,
  });
  const unit = (
    id: string,
    kind: 'company' | 'department' | 'team',
    parentId: string | null,
    headId: string | null,
    name: string,
  ) => ({ id, name, kind, parentId, headId });
  return {
    org: { id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en' },
    units: new Map([
      ['c', unit('c', 'company', null, 'ceo', 'Acme')],
      ['d', unit('d', 'department', 'c', 'dh', 'Sales')],
      ['t1', unit('t1', 'team', 'd', 'm1', 'Field Sales North')],
      ['t2', unit('t2', 'team', 'd', 'm2', 'Inside Sales')],
    ]),
    regions: new Map(),
    people: new Map(
      [
        person('ceo', null, 'c'),
        person('dh', 'ceo', 'd'),
        person('m1', 'dh', 't1'),
        person('a1', 'm1', 't1'),
        person('a2', 'm1', 't1'),
        person('m2', 'dh', 't2'),
        person('b1', 'm2', 't2'),
      ].map((p) => [p.id, p]),
    ),
    cycles: new Map(),
    invalid: [],
  };
}

/** A company revenue goal in the test organisation. */
export function companyGoal(fields: Partial<Goal> = {}): Goal {
  return {
    id: 'acme:g:company',
    title: 'Revenue 2026',
    owner: { kind: 'unit', id: 'c' },
    contributors: [],
    parentId: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    weight: null,
    status: 'active',
    visibility: 'public',
    kind: 'metric',
    metric: {
      unit: 'CNY',
      start: 1_000_000,
      target: 1_200_001,
      current: null,
      direction: 'increase',
    },
    milestones: [],
    ...fields,
  };
}
