import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyClientUpdate, changesNothing } from './guarded-apply.ts';

/** Two updates of one writer, the second building on the first. */
function chained(): { first: Uint8Array; second: Uint8Array } {
  const writer = new Y.Doc();
  writer.getArray<string>('log').push(['one']);
  const first = Y.encodeStateAsUpdate(writer);
  const mark = Y.encodeStateVector(writer);
  writer.getArray<string>('log').push(['two']);
  return { first, second: Y.encodeStateAsUpdate(writer, mark) };
}

describe('applyClientUpdate', () => {
  it('cuts back a client update whose dependencies are missing and keeps nothing pending', () => {
    const { second } = chained();
    const doc = new Y.Doc();
    expect(applyClientUpdate(doc, second, null)).toBe('incomplete');
    const store = doc.store as unknown as { pendingStructs: unknown };
    expect(store.pendingStructs).toBeNull();
  });

  it('leaves pending state that came from elsewhere alone, so it integrates when its base arrives', () => {
    // Another instance's update arrived before the one it builds on (scale-out relay order).
    const { first, second } = chained();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second);
    expect(doc.getArray('log').length).toBe(0);
    // A client's own, unrelated edit arrives meanwhile.
    const client = new Y.Doc();
    client.getMap('m').set('k', 1);
    expect(applyClientUpdate(doc, Y.encodeStateAsUpdate(client), null)).toBe('applied');
    Y.applyUpdate(doc, first);
    expect(doc.getArray('log').toJSON()).toEqual(['one', 'two']);
    expect(doc.getMap('m').get('k')).toBe(1);
  });

  it('refuses an update that does not decode', () => {
    expect(applyClientUpdate(new Y.Doc(), new Uint8Array([0, 5, 1, 2]), null)).toBe('malformed');
  });
});

describe('changesNothing', () => {
  it('is true for what the document already holds and false for anything new', () => {
    const { first, second } = chained();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, first);
    expect(changesNothing(doc, first)).toBe(true);
    expect(changesNothing(doc, second)).toBe(false);
  });
});
