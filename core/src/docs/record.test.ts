import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { latestRating, readRecord, RECORD_MAPS } from './record.ts';

function rating(id: string, value: number, date: string | null, scaleMax = 4) {
  return {
    id,
    personId: 'p-1',
    cycleLabel: 'review',
    date,
    value,
    scaleMin: 1,
    scaleMax,
    label: '',
  };
}

describe('person record', () => {
  it('skips a rating outside its own scale as invalid and keeps the rest', () => {
    const doc = new Y.Doc();
    const ratings = doc.getMap(RECORD_MAPS.ratings);
    ratings.set('good', rating('good', 3, '2025-01-10'));
    ratings.set('out-of-scale', rating('out-of-scale', 999, '2025-02-10'));
    ratings.set('reversed-scale', { ...rating('reversed-scale', 2, null), scaleMin: 5 });
    const record = readRecord(doc);
    expect([...record.ratings.keys()]).toEqual(['good']);
    expect(record.invalid.map((i) => i.key).sort()).toEqual(['out-of-scale', 'reversed-scale']);
  });

  it('latestRating ignores ratings dated after the day asked about', () => {
    const doc = new Y.Doc();
    const ratings = doc.getMap(RECORD_MAPS.ratings);
    ratings.set('a', rating('a', 2, '2024-12-01'));
    ratings.set('b', rating('b', 3, '2025-12-01'));
    ratings.set('future', rating('future', 4, '2099-01-01'));
    const record = readRecord(doc);
    expect(latestRating(record)?.id).toBe('future');
    expect(latestRating(record, '2026-12-03')?.id).toBe('b');
    expect(latestRating(record, '2025-01-01')?.id).toBe('a');
  });
});
