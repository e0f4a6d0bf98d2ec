import { describe, expect, it } from 'vitest';
import { nineBoxGrid, placeNineBox } from './nine-box.ts';

const cuts = {
  performance: { moderateFrom: 2.5, highFrom: 4 },
  potential: { moderateFrom: 2, highFrom: 3 },
};

describe('9-box (S6.5)', () => {
  it('S6.5 places by performance band x potential band; a cut point belongs to the higher band', () => {
    expect(placeNineBox(4, 3, cuts)).toEqual({
      ok: true,
      value: { performance: 'high', potential: 'high', box: 9, label: 'Star' },
    });
    expect(placeNineBox(2.49, 1, cuts)).toMatchObject({
      ok: true,
      value: { box: 1, label: 'Underperformer' },
    });
    expect(placeNineBox(4.5, 1, cuts)).toMatchObject({
      ok: true,
      value: { box: 3, performance: 'high', potential: 'low' },
    });
    expect(placeNineBox(1, 3.5, cuts)).toMatchObject({
      ok: true,
      value: { box: 7, label: 'Rough diamond' },
    });
    expect(placeNineBox(3, 2, cuts)).toMatchObject({
      ok: true,
      value: { box: 5, label: 'Core player' },
    });
  });

  it('S6.5 refuses cuts that are not ascending', () => {
    const r = placeNineBox(3, 3, { ...cuts, potential: { moderateFrom: 3, highFrom: 3 } });
    expect(!r.ok && r.reason).toBe('cuts-not-ascending');
    expect(!r.ok && r.message).toMatch(/^potential\.highFrom: /);
  });

  it('S6.5 fills the grid for a unit', () => {
    const r = nineBoxGrid({
      cuts,
      people: [
        { personId: 'b', performance: 4.2, potential: 3.1 },
        { personId: 'a', performance: 4.0, potential: 3.0 },
        { personId: 'c', performance: 1.0, potential: 1.0 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(9);
    expect(r.value[8]).toMatchObject({
      box: 9,
      people: ['a', 'b'],
      performance: 'high',
      potential: 'high',
    });
    expect(r.value[0]?.people).toEqual(['c']);
    expect(r.value.slice(1, 8).every((b) => b.people.length === 0)).toBe(true);
  });
});
