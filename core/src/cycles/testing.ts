import type { Directory } from '../docs/directory.ts';
import type { Person, Unit } from '../model/org.ts';
import { CycleSettings, type CycleSettingsJson } from './cycle-settings.ts';

/** A person for tests, active, with the given manager and unit. */
export function testPerson(
  id: string,
  managerId: string | null,
  unitId: string | null,
  extra: Partial<Person> = {},
): Person {
  return {
    id,
    externalId: null,
    name: `${id.toUpperCase()} Tester`,
    email: null,
    title: 'Engineer',
    jobFamily: 'engineering',
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
  return { id, name: id.toUpperCase(), kind, parentId, headId };
}

/**
 * Company c (ceo); department d1 (dh1) with team t1 (m1: a1, a2, a3, a4) and team t2 (m2: b1, b2);
 * department d2 (dh2) with team t3 (m3: s1, in sales). `gone` was in t1 and is terminated.
 */
export function testDirectory(extra: Person[] = []): Directory {
  const people = [
    testPerson('ceo', null, 'c'),
    testPerson('dh1', 'ceo', 'd1'),
    testPerson('dh2', 'ceo', 'd2'),
    testPerson('m1', 'dh1', 't1'),
    testPerson('a1', 'm1', 't1', { regionId: 'north' }),
    testPerson('a2', 'm1', 't1', { regionId: 'north' }),
    testPerson('a3', 'm1', 't1'),
    testPerson('a4', 'm1', 't1'),
    testPerson('gone', 'm1', 't1', { status: 'terminated' }),
    testPerson('m2', 'dh1', 't2'),
    testPerson('b1', 'm2', 't2'),
    testPerson('b2', 'm2', 't2'),
    testPerson('m3', 'dh2', 't3'),
    testPerson('s1', 'm3', 't3', { jobFamily: 'sales', title: 'Account executive' }),
    ...extra,
  ];
  return {
    org: { id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en' },
    units: new Map(
      [
        unit('c', 'company', null, 'ceo'),
        unit('d1', 'department', 'c', 'dh1'),
        unit('d2', 'department', 'c', 'dh2'),
        unit('t1', 'team', 'd1', 'm1'),
        unit('t2', 'team', 'd1', 'm2'),
        unit('t3', 'team', 'd2', 'm3'),
      ].map((u) => [u.id, u]),
    ),
    regions: new Map(),
    people: new Map(people.map((p) => [p.id, p])),
    cycles: new Map(),
    invalid: [],
  };
}

/** Valid cycle settings: two templates (sales, default), 60/30/10 raters, a 50/50 formula. */
export function testSettingsJson(extra: Partial<CycleSettingsJson> = {}): CycleSettingsJson {
  return {
    id: 'fy26',
    name: 'FY26 annual review',
    start: '2026-01-01',
    end: '2026-12-31',
    phase: 'goal-setting',
    phases: {
      'goal-setting': { start: '2026-01-01', end: '2026-01-31' },
      'self-review': { start: '2026-11-01', end: '2026-11-15' },
      'peer-manager-review': { start: '2026-11-16', end: '2026-11-30' },
    },
    templates: [
      {
        id: 'sales',
        label: 'Sales',
        match: { jobFamilies: ['sales'] },
        indicators: [
          {
            key: 'revenue',
            label: 'Revenue',
            unit: 'EUR',
            direction: 'increase',
            weight: 100,
            standard: { kind: 'linear', floor: 0, target: 100000 },
          },
        ],
      },
      {
        id: 'default',
        label: 'Everyone',
        indicators: [
          {
            key: 'absences',
            label: 'Absences',
            unit: 'days',
            direction: 'decrease',
            weight: 40,
            standard: { kind: 'linear', floor: 20, target: 2 },
          },
          {
            key: 'special-projects',
            label: 'Special projects',
            unit: 'projects',
            direction: 'increase',
            weight: 60,
            standard: {
              kind: 'bands',
              bands: [
                { threshold: 1, score: 3 },
                { threshold: 3, score: 5 },
              ],
            },
          },
        ],
      },
    ],
    groupWeights: { manager: 60, peers: 30, self: 10 },
    anonymity: { peers: 2 },
    formula: '0.5 * scorecardScore + 0.5 * reviewScore',
    bands: [
      { key: 'low', label: 'Below', from: 1 },
      { key: 'mid', label: 'Solid', from: 2.5 },
      { key: 'top', label: 'Top', from: 4.2, maxShare: 20 },
    ],
    ...extra,
  };
}

/** The parsed form of `testSettingsJson`. */
export function testSettings(extra: Partial<CycleSettingsJson> = {}): CycleSettings {
  return CycleSettings.parse(testSettingsJson(extra));
}
