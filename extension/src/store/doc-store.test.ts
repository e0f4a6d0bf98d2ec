import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocDb, type DocDb } from './doc-db.ts';
import { createDocStore } from './doc-store.ts';

const opened: DocDb[] = [];
let counter = 0;

function freshName(): string {
  counter += 1;
  return `firstline-test-${Date.now()}-${counter}`;
}

function db(name: string): DocDb {
  const d = createDocDb(name);
  opened.push(d);
  return d;
}

/** y-dexie writes each update asynchronously; wait until `n` rows are in its updates table. */
async function waitForUpdates(d: DocDb, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await d.table('$docs.doc_updates').where('k').equals(DOC).count()) >= n) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`fewer than ${n} updates were persisted`);
}

const DOC = 'org/acme/person/p1/record';

afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

describe('doc store', () => {
  it('persists a Y.Doc to IndexedDB and loads it back in a fresh Dexie instance', async () => {
    const dbName = freshName();
    const first = createDocStore(db(dbName), null);
    const a = first.openDoc(DOC);
    await a.whenLoaded;
    a.doc.getArray('notes').push([{ id: 'n1', authorId: 'm1', date: '2026-12-01', text: 'hi' }]);
    a.doc.getMap('indicators').set('absences', { value: 3 });
    await waitForUpdates(opened[0]!, 2);
    first.close();
    opened[0]!.close();

    const second = createDocStore(db(dbName), null);
    const b = second.openDoc(DOC);
    await b.whenLoaded;
    expect(b.doc).not.toBe(a.doc);
    expect(b.doc.getArray('notes').toJSON()).toEqual([
      { id: 'n1', authorId: 'm1', date: '2026-12-01', text: 'hi' },
    ]);
    expect(b.doc.getMap('indicators').get('absences')).toEqual({ value: 3 });
    second.close();
  });

  it('keeps documents of different names apart', async () => {
    const store = createDocStore(db(freshName()), null);
    const a = store.openDoc('org/acme/person/p1/record');
    const b = store.openDoc('org/acme/person/p2/record');
    await Promise.all([a.whenLoaded, b.whenLoaded]);
    a.doc.getMap('ratings').set('r1', { value: 4 });
    expect(b.doc.getMap('ratings').size).toBe(0);
    store.close();
  });

  it('shares one Y.Doc between two handles on the same name until both are released', async () => {
    const store = createDocStore(db(freshName()), null);
    const a = store.openDoc(DOC);
    const b = store.openDoc(DOC);
    expect(b.doc).toBe(a.doc);
    await a.whenLoaded;
    a.destroy();
    b.doc.getMap('indicators').set('k', { value: 1 });
    expect(b.doc.getMap('indicators').get('k')).toEqual({ value: 1 });
    b.destroy();
    await b.whenLoaded;
    await new Promise((r) => setTimeout(r, 20));
    const c = store.openDoc(DOC);
    expect(c.doc).not.toBe(a.doc);
    await c.whenLoaded;
    expect(c.doc.getMap('indicators').get('k')).toEqual({ value: 1 });
    store.close();
  });

  it('hands a document over from a closing store to a new one on the same database', async () => {
    // The panel makes a new store whenever the token changes and closes the old one.
    const d = db(freshName());
    const first = createDocStore(d, null);
    const a = first.openDoc(DOC);
    await a.whenLoaded;
    a.doc.getMap('indicators').set('k', { value: 1 });
    const second = createDocStore(d, null);
    first.close();
    const b = second.openDoc(DOC);
    await b.whenLoaded;
    await new Promise((r) => setTimeout(r, 20));
    b.doc.getMap('indicators').set('k2', { value: 2 });
    expect(b.doc.getMap('indicators').toJSON()).toEqual({ k: { value: 1 }, k2: { value: 2 } });
    await waitForUpdates(d, 2);
    second.close();
  });

  it('merges an offline edit with a concurrent edit made elsewhere', async () => {
    const dbName = freshName();
    const store = createDocStore(db(dbName), null);
    const local = store.openDoc(DOC);
    await local.whenLoaded;
    local.doc.getArray('notes').push(['offline note']);
    // A second replica, standing in for what the server holds, edited at the same time.
    const remote = new Y.Doc();
    remote.getArray('notes').push(['remote note']);
    Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(remote));
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local.doc));
    expect(new Set(local.doc.getArray('notes').toArray())).toEqual(
      new Set(['offline note', 'remote note']),
    );
    expect(remote.getArray('notes').toArray()).toEqual(local.doc.getArray('notes').toArray());
    await waitForUpdates(opened[0]!, 2);
    store.close();
    opened[0]!.close();
    const again = createDocStore(db(dbName), null).openDoc(DOC);
    await again.whenLoaded;
    expect(again.doc.getArray('notes').toArray()).toEqual(remote.getArray('notes').toArray());
    again.destroy();
  });

  it('reports offline for every document when no server is configured', async () => {
    const store = createDocStore(db(freshName()), null);
    const a = store.openDoc(DOC);
    await a.whenLoaded;
    expect(a.connection()).toEqual({ status: 'offline' });
    store.close();
  });
});
