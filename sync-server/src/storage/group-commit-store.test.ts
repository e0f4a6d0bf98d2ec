import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeStoreContract } from '../../test/store-contract.ts';
import type { DocStore } from './doc-store.ts';
import { groupCommitStore } from './group-commit-store.ts';
import { createSqliteStore } from './sqlite-store.ts';

let dir = '';
describeStoreContract('sqlite with group commit', {
  open() {
    dir = mkdtempSync(join(tmpdir(), 'firstline-group-'));
    return groupCommitStore(createSqliteStore(join(dir, 'store.sqlite')));
  },
  async reopen(store) {
    await store.close();
    return groupCommitStore(createSqliteStore(join(dir, 'store.sqlite')));
  },
  dispose() {
    rmSync(dir, { recursive: true, force: true });
  },
});

function edit(doc: Y.Doc, i: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getArray<number>('a').push([i]);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('group commit', () => {
  let tmp = '';
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  /** SQLite counting its commits (each batch is one transaction, one fsync). */
  function countingStore(): { store: DocStore; commits: () => number; file: string } {
    tmp = mkdtempSync(join(tmpdir(), 'firstline-group-'));
    const file = join(tmp, 'store.sqlite');
    const inner = createSqliteStore(file);
    let commits = 0;
    const batch = inner.batch!.bind(inner);
    inner.batch = <T>(fn: () => T): T => {
      commits += 1;
      return batch(fn);
    };
    return { store: groupCommitStore(inner), commits: () => commits, file };
  }

  it('appends made in one turn share one commit and resolve in order', async () => {
    const { store, commits } = countingStore();
    const doc = new Y.Doc();
    const seqs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.append('d', edit(doc, i))),
    );
    expect(commits()).toBe(1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await store.close();
  });

  it('an append has resolved only once another connection can read it', async () => {
    const { store, file } = countingStore();
    const other = createSqliteStore(file);
    const doc = new Y.Doc();
    const pending = store.append('d', edit(doc, 1));
    expect((other.load('d') as { updates: Uint8Array[] }).updates).toHaveLength(0);
    await pending;
    expect((other.load('d') as { updates: Uint8Array[] }).updates).toHaveLength(1);
    await other.close();
    await store.close();
  });

  it('a read commits what is queued first', async () => {
    const { store } = countingStore();
    const doc = new Y.Doc();
    const pending = store.append('d', edit(doc, 1));
    expect((store.load('d') as { updates: Uint8Array[] }).updates).toHaveLength(1);
    await pending;
    await store.close();
  });

  it('inside a batch appends commit with the batch, synchronously', async () => {
    const { store } = countingStore();
    const doc = new Y.Doc();
    const seq = store.batch!(() => store.append('d', edit(doc, 1)));
    expect(typeof seq).toBe('number');
    await store.close();
  });
});
