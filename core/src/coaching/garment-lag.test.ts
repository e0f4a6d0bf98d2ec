import { readFileSync } from 'node:fs';
import { sharedDataPath } from '@firstline/fixtures';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Goal } from '../model/performance.ts';
import { CheckIn } from './check-in.ts';
import { indexCheckIns } from './check-in-index.ts';
import { summarizeCheckIns } from './check-in-summary.ts';
import { evaluateReminders } from './evaluate-reminders.ts';
import { ReminderSettings, ReminderState } from './reminder.ts';
import { metricGoal } from './testing.ts';

/**
 * Real data: a Bangladesh garment factory, 12 teams in two departments, Jan-Mar 2015 (UCI #597).
 * One goal per team and department for the quarter, measured in "productivity-days":
 * - target = the sum of the team's daily targeted_productivity over all its rows;
 * - the expected line is a dated plan: by the end of each day in the data, the share of that sum
 *   planned up to that day (a team that plans less on a day is expected to make less);
 * - a check-in at 18:00 Dhaka time on each day the team worked, value = the cumulative sum of
 *   actual_productivity so far.
 * So "points behind" = (planned so far - made so far) / quarter plan * 100.
 */

interface Row {
  date: string;
  department: string;
  team: string;
  targeted_productivity: string;
  actual_productivity: string;
}

const rows = Papa.parse<Row>(
  readFileSync(sharedDataPath('garment-productivity', 'garments_worker_productivity.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;

// M/D/YYYY -> YYYY-MM-DD
function isoDate(mdy: string): string {
  const [m, d, y] = mdy.split('/');
  return `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

// 'sweing' is the source's typo; 'finishing ' has a trailing space in about half the rows.
function department(raw: string): string {
  const d = raw.trim();
  return d === 'sweing' ? 'sewing' : d;
}

function buildOrg() {
  const dates = [...new Set(rows.map((r) => isoDate(r.date)))].sort();
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `team-${r.team}-${department(r.department)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const goals: Goal[] = [];
  const checkIns: CheckIn[] = [];
  const curves: Record<string, unknown> = {};
  for (const [id, list] of groups) {
    const byDate = new Map<string, { target: number; actual: number }>();
    for (const r of list) {
      const day = byDate.get(isoDate(r.date)) ?? { target: 0, actual: 0 };
      day.target += Number(r.targeted_productivity);
      day.actual += Number(r.actual_productivity);
      byDate.set(isoDate(r.date), day);
    }
    const total = [...byDate.values()].reduce((s, d) => s + d.target, 0);
    let planned = 0;
    let made = 0;
    const points = [];
    for (const date of dates) {
      const day = byDate.get(date);
      if (day) {
        planned += day.target;
        made += day.actual;
        checkIns.push(
          CheckIn.parse({
            id: `${id}-${date}`,
            goalId: id,
            at: `${date}T18:00:00+06:00`,
            value: made,
            authorId: `lead-${id}`,
          }),
        );
      }
      points.push({ date, share: Math.min(1, planned / total) });
    }
    curves[id] = { kind: 'plan', points };
    goals.push(
      metricGoal({
        id,
        periodStart: dates[0] as string,
        periodEnd: dates[dates.length - 1] as string,
        owner: { kind: 'person', id: `lead-${id}` },
        metric: {
          unit: 'productivity-days',
          start: 0,
          target: total,
          current: null,
          direction: 'increase',
        },
      }),
    );
  }
  const people = [...groups.keys()].map((id) => ({ id: `lead-${id}`, status: 'active' as const }));
  return { dates, goals, checkIns, people, curves };
}

// The same question answered straight from the CSV rows, without the pace code.
function laggingByHand(asOf: string, points: number): string[] {
  const sums = new Map<string, { total: number; planned: number; made: number }>();
  for (const r of rows) {
    const key = `team-${r.team}-${department(r.department)}`;
    const s = sums.get(key) ?? { total: 0, planned: 0, made: 0 };
    s.total += Number(r.targeted_productivity);
    if (isoDate(r.date) <= asOf) {
      s.planned += Number(r.targeted_productivity);
      s.made += Number(r.actual_productivity);
    }
    sums.set(key, s);
  }
  return [...sums]
    .filter(([, s]) => ((s.planned - s.made) / s.total) * 100 >= points)
    .map(([key]) => key)
    .sort();
}

describe('lag rule on the garment factory data', () => {
  const org = buildOrg();

  it('reads the file as its README describes it', () => {
    expect(rows.length).toBe(1197);
    expect(org.goals.length).toBe(24); // 12 teams x 2 departments
    expect(org.dates[0]).toBe('2015-01-01');
    expect(org.dates.at(-1)).toBe('2015-03-11');
  });

  for (const [asOf, points] of [
    ['2015-02-15', 3],
    ['2015-01-20', 2],
    ['2015-03-08', 4],
  ] as const) {
    it(`flags the same teams as a plain computation from the rows (${asOf}, ${points} points)`, () => {
      expect(org.dates).toContain(asOf); // the plan has a point on that day
      const input = {
        now: new Date(`${asOf}T20:00:00+06:00`),
        timeZone: 'Asia/Dhaka',
        people: org.people,
        goals: org.goals,
        checkIns: org.checkIns,
        coachingEntries: [],
        state: ReminderState.parse({}),
        settings: ReminderSettings.parse({
          behindPacePoints: points,
          disabledRules: ['no-check-in', 'due-soon', 'overdue', 'confidence-drop'],
          pace: { curves: org.curves },
        }),
      };
      const reminders = evaluateReminders(input);
      const flagged = reminders.map((r) => r.goalId ?? '').sort();
      const expected = laggingByHand(asOf, points);
      expect(flagged).toEqual(expected);
      // The worker's path: per-series summaries instead of every check-in (the data's later
      // days are after `asOf`, so the summary reads those series in full when it must).
      const summary = summarizeCheckIns(org.checkIns, 'Asia/Dhaka');
      const full = (keys: readonly string[]) =>
        indexCheckIns(
          org.checkIns.filter((c) => keys.includes(c.goalId)),
          'Asia/Dhaka',
        );
      expect(evaluateReminders({ ...input, checkIns: summary, fullCheckIns: full })).toEqual(
        reminders,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(24);
    });
  }
});
