import { readRecord } from '../core-browser.ts';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, correctIndicator, localIsoDate } from './record-edits.ts';

function doc(): Y.Doc {
  const d = new Y.Doc();
  d.getMap('indicators').set('absences', {
    key: 'absences',
    label: 'Absences',
    value: 3,
    unit: 'days',
    direction: 'decrease',
    asOf: '2026-01-01',
    source: 'import',
  });
  return d;
}

describe('record edits', () => {
  it('adds a dated note that core reads back', () => {
    const d = doc();
    const note = { id: 'n1', authorId: 'm1', date: '2026-12-03', text: '  1:1 went well  ' };
    expect(addNote(d, note)).toMatchObject({ ok: true, value: { text: '1:1 went well' } });
    expect(readRecord(d).notes).toEqual([{ ...note, text: '1:1 went well' }]);
  });

  it('refuses an empty note or a bad date without touching the document', () => {
    const d = doc();
    const base = { id: 'n1', authorId: 'm1', date: '2026-12-03', text: '   ' };
    expect(addNote(d, base)).toMatchObject({ ok: false, reason: 'invalid-note' });
    expect(addNote(d, { ...base, text: 'x', date: '3.12.2026' })).toMatchObject({
      ok: false,
      reason: 'invalid-note',
    });
    expect(d.getArray('notes').length).toBe(0);
  });

  it('corrects an indicator figure, keeping its label and direction', () => {
    const d = doc();
    expect(correctIndicator(d, 'absences', 2, '2026-12-03')).toMatchObject({ ok: true });
    expect(readRecord(d).indicators.get('absences')).toEqual({
      key: 'absences',
      label: 'Absences',
      value: 2,
      unit: 'days',
      direction: 'decrease',
      asOf: '2026-12-03',
      source: 'manager',
    });
  });

  it('refuses an unknown indicator and a non-finite value', () => {
    const d = doc();
    expect(correctIndicator(d, 'nope', 1, '2026-12-03')).toMatchObject({
      ok: false,
      reason: 'unknown-indicator',
    });
    expect(correctIndicator(d, 'absences', Number.NaN, '2026-12-03')).toMatchObject({
      ok: false,
      reason: 'invalid-value',
    });
    expect(readRecord(d).indicators.get('absences')?.value).toBe(3);
  });

  it('dates with the local calendar day', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
