import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor, editorsByGoal, publishPresence } from './presence.ts';

describe('presence', () => {
  it('GOALPRES-1 lists who else edits which goal, without this panel or this person', () => {
    const mine = new Awareness(new Y.Doc());
    publishPresence(mine, {
      user: { id: 'm1', name: 'Lucas', color: colorFor('m1') },
      editing: 'g1',
    });
    const states = new Map<number, unknown>([
      [mine.clientID, mine.getLocalState()],
      [101, { user: { id: 'm2', name: 'Aisha', color: '#000' }, editing: 'g1' }],
      [102, { user: { id: 'dh', name: 'Omar', color: '#000' }, editing: 'g2' }],
      [103, { user: { id: 'dh', name: 'Omar', color: '#000' }, editing: 'g2' }],
      [104, { user: { id: 'm1', name: 'Lucas', color: '#000' }, editing: 'g3' }],
      [105, { user: { id: 'x' }, editing: 'g1' }],
      [106, { user: { id: 'y', name: 'Idle', color: '#000' }, editing: null }],
    ]);
    const editors = editorsByGoal([{ states, selfClientId: mine.clientID }], 'm1');
    expect([...editors.keys()].sort()).toEqual(['g1', 'g2']);
    expect(editors.get('g1')?.map((u) => u.name)).toEqual(['Aisha']);
    expect(editors.get('g2')?.map((u) => u.name)).toEqual(['Omar']);
  });

  it('GOALPRES-2 a person keeps one colour everywhere', () => {
    expect(colorFor('p-D004')).toBe(colorFor('p-D004'));
    expect(colorFor('p-D004')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
