import type { DepartmentAggregate } from '../core-browser.ts';
import { describe, expect, it } from 'vitest';
import { averageText, bucketColours, distributionChart } from './distribution-model.ts';

function dept(
  unitId: string,
  headcount: number,
  ratings: [string, number, number][],
): DepartmentAggregate {
  return {
    unitId,
    name: unitId.toUpperCase(),
    headcount,
    rated: ratings.reduce((a, r) => a + r[2], 0),
    ratings: ratings.map(([label, value, count]) => ({ label, value, count })),
    average: null,
    averageNormalized: null,
    scale: null,
  };
}

describe('distributionChart', () => {
  it('puts every department on one legend ordered by rating value', () => {
    const chart = distributionChart([
      dept('sales', 5, [
        ['Meets', 3, 2],
        ['Exceeds', 4, 1],
      ]),
      dept('ops', 3, [
        ['Below', 2, 1],
        ['Meets', 3, 1],
      ]),
    ]);
    expect(chart.legend.map((l) => l.label)).toEqual(['Below', 'Meets', 'Exceeds']);
    expect(chart.bars.map((b) => [b.unitId, b.counts, b.unrated])).toEqual([
      ['sales', [0, 2, 1], 2],
      ['ops', [1, 1, 0], 1],
    ]);
    expect(chart.max).toBe(5);
  });

  it('draws an empty organisation with a scale of one', () => {
    expect(distributionChart([])).toEqual({ legend: [], bars: [], max: 1 });
    expect(distributionChart([dept('x', 0, [])]).max).toBe(1);
  });

  it('gives distinct colours to each bucket', () => {
    const colours = bucketColours(5);
    expect(new Set(colours).size).toBe(5);
    expect(bucketColours(0)).toEqual([]);
  });
});

describe('averageText', () => {
  it('shows the average on the ratings scale, not as a bare 0-1 figure', () => {
    const scale = { min: 1, max: 4 };
    expect(averageText({ average: 3, averageNormalized: 2 / 3, scale })).toBe('3.0 / 4');
    expect(averageText({ average: 3.25, averageNormalized: 0.75, scale })).toBe('3.3 / 4');
    expect(
      averageText({ average: 62.5, averageNormalized: 0.625, scale: { min: 0, max: 100 } }),
    ).toBe('62.5 (0–100)');
    // Rated on several scales: the share of the scale, said as a percentage.
    expect(averageText({ average: 3.5, averageNormalized: 0.7083, scale: null })).toBe('71%');
    expect(averageText({ average: null, averageNormalized: null, scale: null })).toBe('–');
  });
});
