import { describe, expect, it } from 'vitest';
import { seededRandom } from '../goals/testing.ts';
import type { CheckIn } from './check-in.ts';
import { checkInColumnsFrom, indexCheckInColumns } from './check-in-columns.ts';
import { indexCheckIns, seriesView, type CheckInIndex } from './check-in-index.ts';
import { evaluateReminders } from './evaluate-reminders.ts';
import { ReminderSettings, ReminderState } from './reminder.ts';
import { checkIn, metricGoal } from './testing.ts';

function seriesOf(index: CheckInIndex, key: string) {
  const v = seriesView(index, key);
  const slice = <T extends { subarray(a: number, b: number): ArrayLike<number> }>(a: T) =>
    Array.from(a.subarray(v.from, v.to));
  return { days: slice(v.days), values: slice(v.values), confidence: slice(v.confidence) };
}

describe('check-in columns', () => {
  it('index the same series as indexCheckIns, whatever the order of the rows', () => {
    const seed = 4242;
    const rand = seededRandom(seed);
    const rows: CheckIn[] = [];
    for (let g = 0; g < 6; g++) {
      for (let w = 0; w < 30; w++) {
        const ms = Date.UTC(2025, 0, 1) + Math.floor(rand() * 200) * 3_600_000;
        rows.push(
          checkIn(`g${g}`, new Date(ms).toISOString(), Math.round(rand() * 100), {
            id: `g${g}-${w}`,
            keyResultId: g === 5 ? 'kr5' : null,
            confidence: w % 3 === 0 ? null : Math.round(rand() * 10) / 10,
          }),
        );
      }
    }
    // Two check-ins of one series at the same instant are ordered by id.
    rows.push(checkIn('g0', '2025-01-03T00:00:00Z', 7, { id: 'tie-b' }));
    rows.push(checkIn('g0', '2025-01-03T00:00:00Z', 8, { id: 'tie-a' }));
    const shuffled = [...rows].sort(() => rand() - 0.5);
    const fromObjects = indexCheckIns(rows, 'Asia/Tokyo');
    // Split across three segments at random, as three documents would hold them.
    const parts: CheckIn[][] = [[], [], []];
    for (const row of shuffled) parts[Math.floor(rand() * 3)]?.push(row);
    const fromColumns = indexCheckInColumns(
      parts.map((p) => checkInColumnsFrom(p, 'Asia/Tokyo')),
      'Asia/Tokyo',
    );
    for (const key of [...fromObjects.seriesKeys]) {
      expect(seriesOf(fromColumns, key), `seed ${seed}, series ${key}`).toEqual(
        seriesOf(fromObjects, key),
      );
    }
    expect(fromColumns.keyResultSeriesOfGoal.get('g5')).toEqual([
      fromColumns.seriesOrdinal.get('kr5'),
    ]);
  });

  it('copy nothing when each series lives in one segment, and count rejected rows', () => {
    const a = checkInColumnsFrom(
      [
        checkIn('g1', '2025-02-01T10:00:00Z', 1),
        { ...checkIn('g1', '2025-02-02T10:00:00Z', 2), value: Number.NaN },
      ],
      'UTC',
    );
    const b = checkInColumnsFrom([checkIn('g2', '2025-02-01T10:00:00Z', 5)], 'UTC');
    const index = indexCheckInColumns([a, b], 'UTC');
    expect(index.blocks).toHaveLength(2);
    expect(index.blocks[0]?.values).toBe(a.values);
    expect(index.rejectedCount).toBe(1);
    expect(seriesOf(index, 'g2').values).toEqual([5]);
  });

  it('refuse a segment of another time zone', () => {
    const a = checkInColumnsFrom([checkIn('g1', '2025-02-01T10:00:00Z', 1)], 'UTC');
    expect(() => indexCheckInColumns([a], 'Europe/Berlin')).toThrow(RangeError);
  });

  it('give the reminder rules the same answer as check-in objects', () => {
    const goals = ['a', 'b', 'c'].map((id) =>
      metricGoal({ id, periodStart: '2025-01-01', periodEnd: '2025-06-30' }),
    );
    const rows = [
      checkIn('a', '2025-03-10T09:00:00Z', 10),
      checkIn('b', '2025-03-10T09:00:00Z', 40),
      checkIn('c', '2025-02-01T09:00:00Z', 30, { confidence: 0.9 }),
      checkIn('c', '2025-02-20T09:00:00Z', 31, { confidence: 0.4 }),
    ];
    const input = {
      now: new Date('2025-03-12T10:00:00Z'),
      timeZone: 'UTC',
      people: [{ id: 'p1', status: 'active' as const }],
      goals,
      coachingEntries: [],
      state: ReminderState.parse({}),
      settings: ReminderSettings.parse({}),
    };
    const plain = evaluateReminders({ ...input, checkIns: rows });
    const columns = evaluateReminders({
      ...input,
      checkIns: indexCheckInColumns(
        [checkInColumnsFrom(rows.slice(0, 2), 'UTC'), checkInColumnsFrom(rows.slice(2), 'UTC')],
        'UTC',
      ),
    });
    expect(columns).toEqual(plain);
    expect(plain.map((r) => r.rule).sort()).toEqual([
      'behind-pace',
      'confidence-drop',
      'no-check-in',
    ]);
  });
});
