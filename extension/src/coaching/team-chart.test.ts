import { describe, expect, it } from 'vitest';
import type { DashboardPerson } from '../core-browser.ts';
import { teamChartData } from './team-chart.tsx';

const noon = (date: string): number => Date.parse(`${date}T12:00:00Z`) / 1000;

function person(
  name: string,
  period: [string, string],
  points: [string, number][],
): DashboardPerson {
  return {
    personId: name,
    name,
    worstStatus: 'on-track',
    needsAttention: 0,
    maxGapPoints: null,
    goals: [
      {
        goalId: `g-${name}`,
        title: 'Goal',
        pace: { status: 'on-track' } as DashboardPerson['goals'][number]['pace'],
        sparkline: points.map(([date, share]) => ({ date, share })),
        periodStart: period[0],
        periodEnd: period[1],
      },
    ],
  };
}

describe('team chart data', () => {
  it('keeps the x axis to the goals periods: a check-in dated 2020 does not stretch it', () => {
    const rows = [
      person(
        'Ana',
        ['2026-01-01', '2026-06-30'],
        [
          ['2020-01-15', 0.9],
          ['2026-02-01', 0.2],
          ['2026-03-01', 0.35],
        ],
      ),
      person('Bo', ['2026-02-01', '2026-09-30'], [['2026-03-01', 0.1]]),
    ];
    const { labels, data, range } = teamChartData(rows);
    expect(labels).toEqual(['Ana', 'Bo']);
    expect(data[0]).toEqual([noon('2026-02-01'), noon('2026-03-01')]);
    expect(data[1]).toEqual([20, 35]);
    expect(data[2]).toEqual([null, 10]);
    expect(range).toEqual([noon('2026-01-01'), noon('2026-09-30')]);
  });

  it('has no range when nobody has a point inside a period', () => {
    const rows = [person('Cy', ['2026-01-01', '2026-06-30'], [['2019-05-05', 0.5]])];
    expect(teamChartData(rows)).toMatchObject({ labels: [], range: null });
  });
});
