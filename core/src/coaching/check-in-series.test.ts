import { describe, expect, it } from 'vitest';
import { buildCheckInSeries } from './check-in-series.ts';
import { indexCheckIns, seriesView } from './check-in-index.ts';
import { checkIn, metricGoal } from './testing.ts';
import { CheckIn } from './check-in.ts';

const goal = metricGoal({ id: 'g', periodStart: '2025-01-01', periodEnd: '2025-03-31' });
const now = new Date('2025-02-01T12:00:00Z');

function raw(id: string, at: string, value: unknown, extra: Record<string, unknown> = {}) {
  return { id, goalId: 'g', at, value, authorId: 'p1', ...extra };
}

describe('buildCheckInSeries', () => {
  it('sorts by instant, keeps the last written of a repeated id, and groups by key result', () => {
    const set = buildCheckInSeries({
      checkIns: [
        raw('b', '2025-01-20T10:00:00Z', 20),
        raw('a', '2025-01-10T10:00:00+02:00', 10),
        raw('b', '2025-01-21T10:00:00Z', 21),
        raw('k', '2025-01-05T10:00:00Z', 3, { keyResultId: 'kr1' }),
      ],
      now,
      timeZone: 'UTC',
      goals: [goal],
    });
    expect(set.series.get('g')?.map((p) => [p.checkIn.id, p.checkIn.value, p.date])).toEqual([
      ['a', 10, '2025-01-10'],
      ['b', 21, '2025-01-21'],
    ]);
    expect(set.series.get('kr1')?.map((p) => p.checkIn.id)).toEqual(['k']);
    expect(set.duplicateIds).toEqual(['b']);
    expect(set.rejected).toEqual([]);
  });

  it('flags check-ins before the period or far in the future, and keeps them', () => {
    const set = buildCheckInSeries({
      checkIns: [
        raw('early', '2024-12-31T23:00:00Z', 1),
        raw('tomorrow', '2025-02-02T08:00:00Z', 2),
        raw('typo', '2052-02-01T08:00:00Z', 3),
      ],
      now,
      timeZone: 'UTC',
      goals: [goal],
    });
    const flags = Object.fromEntries(
      set.series.get('g')?.map((p) => [p.checkIn.id, p.flags.map((f) => f.reason)]) ?? [],
    );
    expect(flags).toEqual({ early: ['before-period'], tomorrow: [], typo: ['far-future'] });
    expect(set.series.get('g')?.[0]?.flags[0]?.message).toContain('2025-01-01');
  });

  it('reads the day in the org zone: 00:30 in Tokyo on 1 January is in the period', () => {
    const set = buildCheckInSeries({
      checkIns: [raw('t', '2025-01-01T00:30:00+09:00', 1)],
      now,
      timeZone: 'Asia/Tokyo',
      goals: [goal],
    });
    expect(set.series.get('g')?.[0]?.flags).toEqual([]);
    const utc = buildCheckInSeries({
      checkIns: [raw('t', '2025-01-01T00:30:00+09:00', 1)],
      now,
      timeZone: 'UTC',
      goals: [goal],
    });
    expect(utc.series.get('g')?.[0]?.flags.map((f) => f.reason)).toEqual(['before-period']);
  });

  it('rejects a value that is not a number with a message naming what arrived', () => {
    const set = buildCheckInSeries({
      checkIns: [
        raw('s', '2025-01-10T10:00:00Z', '12'),
        raw('n', '2025-01-10T10:00:00Z', null),
        raw('ok', '2025-01-10T10:00:00Z', 5),
        raw('t', 'yesterday', 5),
      ],
      now,
      timeZone: 'UTC',
    });
    expect(set.rejected.map((r) => [r.id, r.reason])).toEqual([
      ['s', 'value-not-a-number'],
      ['n', 'value-not-a-number'],
      ['t', 'invalid-check-in'],
    ]);
    expect(set.rejected[0]?.message).toBe('a check-in value must be a number, got the text "12"');
    expect(set.rejected[2]?.message).toMatch(/^at:/);
    expect(CheckIn.safeParse(raw('x', '2025-01-10T10:00:00Z', Number.NaN)).success).toBe(false);
    expect(set.series.get('g')?.length).toBe(1);
  });
});

describe('indexCheckIns', () => {
  it('holds the same series as buildCheckInSeries, in columns', () => {
    const ins = [
      checkIn('g', '2025-01-20T10:00:00Z', 20, { id: 'b', confidence: 0.5 }),
      checkIn('g', '2025-01-10T23:30:00-05:00', 10, { id: 'a' }),
      checkIn('g', '2025-01-21T10:00:00Z', 21, { id: 'b', confidence: 0.4 }),
      checkIn('h', '2025-01-05T10:00:00Z', 3, { id: 'k', keyResultId: 'kr1' }),
    ];
    const index = indexCheckIns(ins, 'America/New_York');
    const { from, to, values, confidence, days } = seriesView(index, 'g');
    expect(Array.from(values.subarray(from, to))).toEqual([10, 21]);
    expect(Array.from(confidence.subarray(from, to))).toEqual([NaN, 0.4]);
    const built = buildCheckInSeries({
      checkIns: ins,
      now,
      timeZone: 'America/New_York',
    }).series.get('g');
    expect(Array.from(days.subarray(from, to))).toEqual(built?.map((p) => p.day));
    expect(index.duplicateCount).toBe(1);
    expect(index.keyResultSeriesOfGoal.get('h')).toEqual([index.seriesOrdinal.get('kr1')]);
  });

  it('sorts a long series that arrives in reverse, and counts rejects', () => {
    const ins = Array.from({ length: 200 }, (_, i) =>
      checkIn('g', new Date(Date.UTC(2025, 0, 1) + (200 - i) * 3_600_000).toISOString(), 200 - i),
    );
    const bad = { ...checkIn('g', '2025-01-01T00:00:00Z', 1), value: 'x' as unknown as number };
    const index = indexCheckIns([...ins, bad], 'UTC');
    expect(Array.from(index.blocks[0]?.values ?? [])).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    expect(index.rejectedCount).toBe(1);
  });
});
