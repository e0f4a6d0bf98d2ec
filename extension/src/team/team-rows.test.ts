import { readDirectory, readRecord, type Person } from '../core-browser.ts';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatRating, teamRows, type RecordSlot } from './team-rows.ts';

function person(id: string, name: string, managerId: string | null, extra: Partial<Person> = {}) {
  return { id, name, managerId, unitId: 'u-sales', title: 'Sales Rep', ...extra };
}

function directoryDoc(): Y.Doc {
  const doc = new Y.Doc();
  const units = doc.getMap('units');
  units.set('u-sales', { id: 'u-sales', name: 'Field Sales North', kind: 'team', parentId: null });
  const people = doc.getMap('people');
  people.set('m1', person('m1', 'Lucas Moreau', null, { title: 'Sales Manager' }));
  people.set('p1', person('p1', 'Zoe Park', 'm1'));
  people.set('p2', person('p2', 'Ana Ruiz', 'm1', { unitId: 'u-gone', title: '' }));
  people.set('p3', person('p3', 'Ben Ito', 'm1', { status: 'terminated' }));
  people.set('p4', person('p4', 'Cy Ode', 'm1', { status: 'leave' }));
  people.set('p5', person('p5', 'Other Report', 'm2'));
  people.set('bad', { id: 'bad', name: '' });
  return doc;
}

function recordDoc(): Y.Doc {
  const doc = new Y.Doc();
  const ratings = doc.getMap('ratings');
  const rating = (id: string, date: string | null, value: number, label: string) => ({
    id,
    personId: 'p1',
    cycleLabel: id,
    date,
    value,
    scaleMin: 1,
    scaleMax: 5,
    label,
  });
  ratings.set('r2024', rating('r2024', '2024-12-01', 2, 'Partially Meets'));
  ratings.set('r2025', rating('r2025', '2025-12-01', 4, 'Exceeds'));
  ratings.set('rnull', rating('rnull', null, 5, 'Undated'));
  const indicators = doc.getMap('indicators');
  const ind = (key: string, label: string, value: number) => ({
    key,
    label,
    value,
    unit: '%',
    direction: 'increase',
    asOf: '2026-01-22',
  });
  indicators.set('quota', ind('quota', 'Quota attainment', 104));
  indicators.set('csat', ind('csat', 'Customer satisfaction', 4.4));
  doc.getArray('notes').push([{ id: 'n1', authorId: 'm1', date: '2026-02-01', text: 'Good Q1' }]);
  return doc;
}

describe('teamRows', () => {
  const directory = readDirectory(directoryDoc());
  const records = new Map<string, RecordSlot>([
    ['p1', { state: 'loaded', record: readRecord(recordDoc()) }],
    ['p2', { state: 'denied' }],
  ]);
  const rows = teamRows(directory, 'm1', records);

  it('lists direct reports by name, leaving out people who left and other teams', () => {
    expect(rows.map((r) => r.personId)).toEqual(['p2', 'p4', 'p1']);
    expect(rows.find((r) => r.personId === 'p4')?.onLeave).toBe(true);
  });

  it('takes title and unit name from the directory, falling back to the unit id', () => {
    const zoe = rows.find((r) => r.personId === 'p1')!;
    expect([zoe.name, zoe.title, zoe.unitName]).toEqual([
      'Zoe Park',
      'Sales Rep',
      'Field Sales North',
    ]);
    expect(rows.find((r) => r.personId === 'p2')?.unitName).toBe('u-gone');
  });

  it('shows the latest dated rating and the indicators by label from the record', () => {
    const zoe = rows.find((r) => r.personId === 'p1')!;
    expect(zoe.record).toBe('loaded');
    expect(zoe.rating?.id).toBe('r2025');
    expect(formatRating(zoe.rating!)).toBe('Exceeds · 4/5');
    expect(zoe.indicators.map((i) => [i.label, i.value])).toEqual([
      ['Customer satisfaction', 4.4],
      ['Quota attainment', 104],
    ]);
    expect(zoe.noteCount).toBe(1);
  });

  it('marks records that are still loading or were refused, without figures', () => {
    const ana = rows.find((r) => r.personId === 'p2')!;
    const cy = rows.find((r) => r.personId === 'p4')!;
    expect([ana.record, ana.rating, ana.indicators]).toEqual(['denied', null, []]);
    expect([cy.record, cy.rating, cy.noteCount]).toEqual(['loading', null, 0]);
  });

  it('gives no rows to someone without reports', () => {
    expect(teamRows(directory, 'p1', records)).toEqual([]);
  });
});
