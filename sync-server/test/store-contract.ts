import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../src/storage/doc-store.ts';

/** How a backend's suite makes, reopens and disposes of a store. */
export interface StoreHarness {
  open(): Promise<DocStore> | DocStore;
  /** Closes `store` and opens the same backing data again (a durability check). */
  reopen(store: DocStore): Promise<DocStore> | DocStore;
  dispose?(): Promise<void> | void;
}

function updateSetting(key: string, value: unknown, base?: Y.Doc): Uint8Array {
  const doc = base ?? new Y.Doc();
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

/**
 * The storage contract every backend must pass (SQLite now; a scale-out store later). Rule ids
 * STORE-n name the promises `DocStore` makes in its doc comments.
 */
export function describeStoreContract(backend: string, harness: StoreHarness): void {
  describe(`DocStore contract: ${backend}`, () => {
    let store: DocStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
      await harness.dispose?.();
    });

    it('STORE-1 an unknown document loads empty', async () => {
      expect(await store.load('org/x/directory')).toMatchObject({ updates: [], lastSeq: 0 });
    });

    it('STORE-8 an epoch, when the backend keeps one, is the same on every load and reopen', async () => {
      const first = (await store.load('a')).epoch;
      await store.append('a', updateSetting('k', 1));
      expect((await store.load('a')).epoch).toBe(first);
      store = await harness.reopen(store);
      expect((await store.load('a')).epoch).toBe(first);
    });

    it('STORE-2 appends come back in order with increasing sequence numbers', async () => {
      const doc = new Y.Doc();
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++)
        seqs.push(await store.append('a', updateSetting(`k${i}`, i, doc)));
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(5);
      const loaded = await store.load('a');
      expect(loaded.lastSeq).toBe(seqs[4]);
      expect(replay(loaded.updates).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    });

    it('STORE-3 documents are independent', async () => {
      await store.append('a', updateSetting('x', 1));
      await store.append('b', updateSetting('y', 2));
      expect(
        replay((await store.load('a')).updates)
          .getMap('m')
          .toJSON(),
      ).toEqual({ x: 1 });
      expect(
        replay((await store.load('b')).updates)
          .getMap('m')
          .toJSON(),
      ).toEqual({ y: 2 });
    });

    it('STORE-4 compaction replaces the updates it covers and keeps later ones', async () => {
      const doc = new Y.Doc();
      await store.append('a', updateSetting('one', 1, doc));
      const through = await store.append('a', updateSetting('two', 2, doc));
      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.append('a', updateSetting('three', 3, doc));
      await store.compact('a', snapshot, through);
      const loaded = await store.load('a');
      expect(loaded.updates).toHaveLength(2);
      expect(replay(loaded.updates).getMap('m').toJSON()).toEqual({ one: 1, two: 2, three: 3 });
      const next = await store.append('a', updateSetting('four', 4, doc));
      expect(next).toBeGreaterThan(loaded.lastSeq);
    });

    it('STORE-5 an older compaction never undoes a newer one', async () => {
      const doc = new Y.Doc();
      const first = await store.append('a', updateSetting('one', 1, doc));
      const early = Y.encodeStateAsUpdate(doc);
      const second = await store.append('a', updateSetting('two', 2, doc));
      await store.compact('a', Y.encodeStateAsUpdate(doc), second);
      await store.compact('a', early, first);
      expect(
        replay((await store.load('a')).updates)
          .getMap('m')
          .toJSON(),
      ).toEqual({ one: 1, two: 2 });
    });

    it('STORE-6 list names stored documents by prefix, sorted, compacted ones included', async () => {
      await store.append('org/acme/team/b', updateSetting('x', 1));
      await store.append('org/acme/team/a', updateSetting('x', 1));
      await store.append('org/other/team/a', updateSetting('x', 1));
      const seq = await store.append('org/acme/directory', updateSetting('x', 1));
      await store.compact('org/acme/directory', updateSetting('x', 1), seq);
      expect(await store.list('org/acme/')).toEqual([
        'org/acme/directory',
        'org/acme/team/a',
        'org/acme/team/b',
      ]);
      expect(await store.list('org/acme%')).toEqual([]);
    });

    it('STORE-7 what was appended is there after reopening', async () => {
      await store.append('a', updateSetting('durable', true));
      store = await harness.reopen(store);
      expect(
        replay((await store.load('a')).updates)
          .getMap('m')
          .get('durable'),
      ).toBe(true);
    });
  });
}
