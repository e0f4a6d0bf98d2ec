import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sharedDataPath } from '@firstline/fixtures';
import type { ImportPlan } from '../import/outcome.ts';
import { runImport } from '../import/run-import.ts';
import { applyImportPlan } from './apply-import.ts';
import { readDirectory } from './directory.ts';
import { readRecord } from './record.ts';

let plan: ImportPlan;

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv')));
  const outcome = await runImport(bytes, { profile: 'hr-dataset-v14', org: 'dental' });
  if (!outcome.ok) throw new Error(outcome.message);
  plan = outcome.plan;
});

/** A document store as the server keeps one: a Y.Doc per name, made on first open. */
function store(): { docs: Map<string, Y.Doc>; open: (name: string) => Y.Doc } {
  const docs = new Map<string, Y.Doc>();
  return {
    docs,
    open: (name) => {
      let doc = docs.get(name);
      if (!doc) {
        doc = new Y.Doc();
        docs.set(name, doc);
      }
      return doc;
    },
  };
}

describe('applyImportPlan', () => {
  it('writes the directory and one record document per person with figures', () => {
    const { docs, open } = store();
    const result = applyImportPlan(plan, open);
    const directory = readDirectory(open('org/dental/directory'));
    expect(directory.invalid).toEqual([]);
    expect(directory.org).toMatchObject({ id: 'dental', name: 'Dental Magic' });
    expect(directory.people.size).toBe(315);
    expect(directory.units.size).toBe(plan.units.length);
    expect(directory.people.get('emp-10026')?.managerId).toBe('mgr-michael-albert');
    const record = readRecord(open('org/dental/person/emp-10026/record'));
    expect(record.invalid).toEqual([]);
    expect([...record.ratings.values()][0]).toMatchObject({ value: 4, label: 'Exceeds' });
    expect(record.indicators.get('engagement')?.value).toBe(4.6);
    // Directory + 311 records; entries: org + units + regions + people + (1 rating + 5 figures) each.
    expect(docs.size).toBe(1 + 311);
    const entries = 1 + plan.units.length + plan.regions.length + plan.people.length + 311 * 6;
    expect(result.changed).toEqual({ docs: 312, entries });
  });

  it('applying the same plan twice changes nothing and emits no Yjs update', () => {
    const { docs, open } = store();
    applyImportPlan(plan, open);
    const before = new Map([...docs].map(([name, doc]) => [name, Y.encodeStateVector(doc)]));
    let updates = 0;
    for (const doc of docs.values()) doc.on('update', () => updates++);
    const again = applyImportPlan(plan, open);
    expect(again.changed).toEqual({ docs: 0, entries: 0 });
    expect(updates).toBe(0);
    for (const [name, doc] of docs) expect(Y.encodeStateVector(doc)).toEqual(before.get(name));
  });

  it('a re-import after a sync round trip (entries decoded from updates) still changes nothing', () => {
    const first = store();
    applyImportPlan(plan, first.open);
    const second = store();
    for (const [name, doc] of first.docs)
      Y.applyUpdate(second.open(name), Y.encodeStateAsUpdate(doc));
    expect(applyImportPlan(plan, second.open).changed.entries).toBe(0);
  });

  it('writes only what changed, one transaction per document, and keeps existing org settings', () => {
    const { open } = store();
    const directory = open('org/dental/directory');
    directory.getMap('meta').set('org', {
      id: 'dental',
      name: 'Dental Magic Inc.',
      timeZone: 'Europe/Paris',
      locale: 'en',
    });
    applyImportPlan(plan, open);
    const changedPlan: ImportPlan = {
      ...plan,
      people: plan.people.map((p) =>
        p.id === 'emp-10026' ? { ...p, title: 'Production Technician II' } : p,
      ),
    };
    let transactions = 0;
    directory.on('afterTransaction', () => transactions++);
    const result = applyImportPlan(changedPlan, open);
    expect(result.changed).toEqual({ docs: 1, entries: 1 });
    expect(transactions).toBe(1);
    const view = readDirectory(directory);
    expect(view.people.get('emp-10026')?.title).toBe('Production Technician II');
    expect(view.org?.name).toBe('Dental Magic Inc.');
  });

  it('leaves people and notes that the file does not mention alone', () => {
    const { open } = store();
    const directory = open('org/dental/directory');
    directory
      .getMap('people')
      .set('emp-keep', { id: 'emp-keep', name: 'Kept', unitId: null, managerId: null });
    const record = open('org/dental/person/emp-10026/record');
    record
      .getArray('notes')
      .push([{ id: 'n1', authorId: 'mgr-michael-albert', date: '2024-01-02', text: 'good week' }]);
    applyImportPlan(plan, open);
    expect(directory.getMap('people').has('emp-keep')).toBe(true);
    expect(readRecord(record).notes).toHaveLength(1);
  });
});
