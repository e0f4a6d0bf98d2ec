import { readFileSync } from 'node:fs';
import { sharedDataPath } from '@firstline/fixtures';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { evaluateReminders } from '../coaching/evaluate-reminders.ts';
import { ReminderSettings, ReminderState } from '../coaching/reminder.ts';
import { buildTeamDashboard } from '../coaching/team-dashboard.ts';
import { PaceSettings } from '../coaching/pace-settings.ts';
import { noonInZone, type CheckInImportOutcome } from './check-ins-plan.ts';
import { parseAmount } from './check-ins-rows.ts';
import { runCheckInImport } from './check-ins-run.ts';

const GARMENT = sharedDataPath('garment-productivity', 'garments_worker_productivity.csv');
const SALES = sharedDataPath('sales-actual-vs-target', 'actual-vs-target-dataset.xlsx');
const base = { timeZone: 'Asia/Dhaka', authorId: 'hr-1' };

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function planOf(outcome: CheckInImportOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.reason}: ${outcome.message}`);
  return outcome;
}

describe('check-in import: garment factory (long CSV)', async () => {
  const outcome = planOf(
    await runCheckInImport(new Uint8Array(readFileSync(GARMENT)), {
      ...base,
      profile: 'garment-productivity',
      now: new Date('2015-04-01T00:00:00Z'),
    }),
  );
  // Independent reading of the CSV: Papa, no importer code.
  const rows = Papa.parse<Record<string, string>>(readFileSync(GARMENT, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const dept = (d: string) => (d.trim() === 'sweing' ? 'sewing' : d.trim());
  const iso = (mdy: string) => {
    const [m, d, y] = mdy.split('/');
    return `${y}-${m?.padStart(2, '0')}-${d?.padStart(2, '0')}`;
  };

  it('reads every row into 24 team series, reporting the typo and the padded cells', () => {
    const { report, plan } = outcome;
    expect(report.counts.rows).toBe(1197);
    expect(report.rejected).toEqual([]);
    expect(plan.series).toHaveLength(24);
    expect(report.repaired.filter((r) => r.reason === 'alias')).toHaveLength(691);
    expect(report.repaired.filter((r) => r.reason === 'trimmed-whitespace')).toHaveLength(257);
    const days = new Set(rows.map((r) => `${r.team}|${dept(r.department ?? '')}|${r.date}`));
    expect(plan.checkIns).toHaveLength(days.size);
    const s = plan.series.find((x) => x.subject.id === 'team-8-sewing');
    expect(s?.subject).toEqual({ kind: 'unit', id: 'team-8-sewing', name: 'Team 8 sewing' });
    expect(s?.goal?.periodStart).toBe('2015-01-01');
    expect(s?.goal?.periodEnd).toBe('2015-03-11');
    const target = rows
      .filter((r) => r.team === '8' && dept(r.department ?? '') === 'sewing')
      .reduce((sum, r) => sum + Number(r.targeted_productivity), 0);
    expect(s?.goal?.metric?.target).toBeCloseTo(target, 9);
    expect(plan.checkIns[0]?.at).toMatch(/T12:00:00\+06:00$/);
  });

  it('runs the lag rule on the imported series: same teams as a computation from the rows', () => {
    const { plan } = outcome;
    const asOf = '2015-02-15';
    const curves = Object.fromEntries(plan.series.map((s) => [s.goalId, s.curve]));
    const reminders = evaluateReminders({
      now: new Date(`${asOf}T20:00:00+06:00`),
      timeZone: 'Asia/Dhaka',
      people: [],
      units: plan.series.map((s) => s.subject.id),
      goals: plan.series.flatMap((s) => (s.goal ? [s.goal] : [])),
      checkIns: plan.checkIns,
      coachingEntries: [],
      state: ReminderState.parse({}),
      settings: ReminderSettings.parse({
        behindPacePoints: 3,
        disabledRules: ['no-check-in', 'due-soon', 'overdue', 'confidence-drop'],
        pace: { curves },
      }),
    });
    const sums = new Map<string, { total: number; planned: number; made: number }>();
    for (const r of rows) {
      const key = `team-${r.team}-${dept(r.department ?? '')}`;
      const s = sums.get(key) ?? { total: 0, planned: 0, made: 0 };
      s.total += Number(r.targeted_productivity);
      if (iso(r.date ?? '') <= asOf) {
        s.planned += Number(r.targeted_productivity);
        s.made += Number(r.actual_productivity);
      }
      sums.set(key, s);
    }
    const expected = [...sums]
      .filter(([, s]) => ((s.planned - s.made) / s.total) * 100 >= 3)
      .map(([k]) => k)
      .sort();
    expect(reminders.map((r) => r.subjectId).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe('check-in import: sales workbook (wide XLSX, unpivoted)', async () => {
  const outcome = planOf(
    await runCheckInImport(new Uint8Array(readFileSync(SALES)), {
      ...base,
      timeZone: 'UTC',
      profile: 'sales-actual-vs-target',
      fileName: 'actual-vs-target-dataset.xlsx',
      now: new Date('2024-03-01T00:00:00Z'),
    }),
  );

  it('gives 25 people x 14 months, with the totals the README states', () => {
    const { plan, report } = outcome;
    expect(report.rejected).toEqual([]);
    expect(plan.series).toHaveLength(25);
    expect(plan.checkIns).toHaveLength(25 * 14);
    const actual = plan.series.flatMap((s) => s.points).reduce((sum, p) => sum + p.value, 0);
    const target = plan.series.reduce((sum, s) => sum + (s.goal?.metric?.target ?? 0), 0);
    expect(Math.round(actual)).toBe(18_949_239);
    expect(target).toBe(19_316_100);
    const andria = plan.series.find((s) => s.subject.name === 'Andria Kimpton');
    expect(andria?.points[0]).toEqual({ date: '2023-01-01', value: 73818, target: 75300 });
    expect(andria?.goal?.owner).toEqual({ kind: 'person', id: 'emp-andria-kimpton' });
  });

  it('matches salespeople to directory people by name, and feeds the team dashboard', () => {
    const again = outcome;
    const people = again.plan.series.map((s, i) => ({
      id: s.subject.id,
      externalId: null,
      name: s.subject.name,
      email: null,
      title: '',
      jobFamily: '',
      unitId: null,
      regionId: null,
      managerId: i < 7 ? 'm1' : 'm2',
      status: 'active' as const,
      hiredOn: null,
      leftOn: null,
    }));
    const rows = buildTeamDashboard({
      now: new Date('2023-09-15T12:00:00Z'),
      timeZone: 'UTC',
      managerId: 'm1',
      people,
      goals: again.plan.series.flatMap((s) => (s.goal ? [s.goal] : [])),
      checkIns: again.plan.checkIns,
      pace: PaceSettings.parse({
        curves: Object.fromEntries(again.plan.series.map((s) => [s.goalId, s.curve])),
      }),
    });
    expect(rows).toHaveLength(7);
    // Attention first: the statuses never get better further down the list.
    const rank = { 'off-track': 0, 'at-risk': 1, 'no-data': 2, 'on-track': 3, 'not-started': 4 };
    const ranks = rows.map((r) => rank[r.worstStatus]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows[0]?.goals[0]?.sparkline.length).toBeGreaterThan(3);
  });
});

describe('check-in import: bad input', () => {
  const csv = [
    'person,metric,date,value',
    'Ana Li,calls,2025-03-01,12',
    'Ana Li,calls,2025-03-02,twelve',
    ',calls,2025-03-03,4',
    'Ana Li,calls,2052-03-03,5',
    'Ana Li,calls,2025-02-30,5',
    'Bo Chen,calls,2025-03-01,"$1,200"',
  ].join('\n');
  const profile = {
    name: 'calls',
    subject: { kind: 'person' as const, columns: ['person'] },
    metric: { column: 'metric' },
    layout: { kind: 'long' as const, date: 'date', value: 'value' },
  };
  const options = {
    ...base,
    timeZone: 'UTC',
    profile,
    now: new Date('2025-03-10T00:00:00Z'),
    knownPeople: [{ id: 'p-ana', name: 'ana li', externalId: null }],
  };

  it('names every bad line with a reason, and imports nothing', async () => {
    const outcome = await runCheckInImport(bytes(csv), options);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('validation-failed');
    expect(outcome.report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, 'invalid-number'],
      [4, 'missing-subject'],
      [5, 'future-date'],
      [6, 'invalid-date'],
    ]);
    expect(outcome.report.rejected[0]?.message).toBe('line 3: value "twelve" is not a number');
    expect(outcome.report.rejected[2]?.message).toContain('2052-03-03 is in the future');
  });

  it('imports the good lines when asked for a partial import', async () => {
    const outcome = planOf(await runCheckInImport(bytes(csv), { ...options, partial: true }));
    expect(outcome.plan.checkIns.map((c) => [c.goalId, c.value])).toEqual([
      ['imp-emp-bo-chen-calls', 1200],
      ['imp-p-ana-calls', 12],
    ]);
    expect(outcome.report.counts.rejectedRows).toBe(4);
  });

  it('into a live organisation, names each line whose person or team is unknown', async () => {
    const known = 'person,metric,date,value\nAna Li,calls,2025-03-03,4\n';
    const file = `${known}Bo Chen,calls,2025-03-03,5\nCy Unit,calls,2025-03-03,6\n`;
    const strict = {
      ...options,
      knownPeople: [
        { id: 'p-ana', name: 'ana li', externalId: null, unitId: 't1' },
        { id: 'p-cy', name: 'Cy Unit', externalId: null, unitId: null },
      ],
      requireKnownSubjects: true,
    };
    const outcome = await runCheckInImport(bytes(file), strict);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.report.rejected.map((r) => [r.line, r.reason, r.field])).toEqual([
      [3, 'unknown-person', 'person'],
      [4, 'person-without-unit', 'person'],
    ]);
    expect(outcome.report.rejected[0]?.message).toBe(
      `line 3: person "Bo Chen" is not in the organisation's directory (by id or by name)`,
    );
    const teams = 'team,date,value\n1,2025-03-03,4\n9,2025-03-03,4\n';
    const teamProfile = {
      name: 'teams',
      subject: { kind: 'team' as const, columns: ['team'], nameTemplate: 'Line {team}' },
      layout: { kind: 'long' as const, date: 'date', value: 'value' },
    };
    const byTeam = await runCheckInImport(bytes(teams), {
      ...strict,
      profile: teamProfile,
      knownUnits: [{ id: 'u-line-1', name: 'LINE 1' }],
      partial: true,
    });
    const ok = planOf(byTeam);
    expect(ok.report.rejected.map((r) => [r.line, r.reason])).toEqual([[3, 'unknown-team']]);
    expect(ok.report.rejected[0]?.message).toContain('team "Line 9" (team-9)');
    // Matched by name, the series belongs to the directory's unit id.
    expect(ok.plan.series.map((x) => x.subject)).toEqual([
      { kind: 'unit', id: 'u-line-1', name: 'LINE 1' },
    ]);
  });

  it('refuses a wide sheet whose header is not made of dates', async () => {
    const wide = 'who,2025-01-01,total\nAna,1,2\n';
    const outcome = await runCheckInImport(bytes(wide), {
      ...options,
      profile: { ...profile, metric: { name: 'x' }, layout: { kind: 'wide' } },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toBe('missing-column');
    const fixed = await runCheckInImport(bytes(wide.replace('who', 'person')), {
      ...options,
      profile: { ...profile, metric: { name: 'x' }, layout: { kind: 'wide' } },
    });
    expect(fixed.ok).toBe(false);
    if (!fixed.ok) {
      expect(fixed.reason).toBe('invalid-header');
      expect(fixed.message).toContain('"total"');
    }
  });

  it('reads money and percentages', () => {
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('1 234')).toBe(1234);
    expect(parseAmount('80%')).toBe(80);
    expect(parseAmount('12 apples')).toBeNull();
  });

  it('dates imported figures at noon in the organisation zone, daylight saving included', () => {
    expect(noonInZone('2025-07-01', 'Europe/Berlin')).toBe('2025-07-01T12:00:00+02:00');
    expect(noonInZone('2025-03-30', 'Europe/Berlin')).toBe('2025-03-30T12:00:00+02:00');
    expect(noonInZone('2025-01-01', 'UTC')).toBe('2025-01-01T12:00:00+00:00');
    expect(noonInZone('2025-01-01', 'Asia/Kolkata')).toBe('2025-01-01T12:00:00+05:30');
  });
});
