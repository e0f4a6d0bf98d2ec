import { describe, expect, it } from 'vitest';
import { Person } from '../model/org.ts';
import { buildTeamDashboard } from './team-dashboard.ts';
import { checkIn, metricGoal, paceSettings } from './testing.ts';

const person = (id: string, name: string, managerId: string | null, status = 'active') =>
  Person.parse({ id, name, unitId: null, managerId, status });

describe('buildTeamDashboard', () => {
  const people = [
    person('m', 'Manager', null),
    person('ana', 'Ana', 'm'),
    person('bo', 'Bo', 'm'),
    person('cy', 'Cy', 'm'),
    person('dee', 'Dee', 'm', 'terminated'),
    person('eve', 'Eve', 'other'),
  ];
  const period = { periodStart: '2025-01-01', periodEnd: '2025-01-10' };
  const goals = [
    metricGoal({ id: 'ana1', ...period, owner: { kind: 'person', id: 'ana' } }),
    metricGoal({ id: 'bo1', ...period, owner: { kind: 'person', id: 'bo' } }),
    metricGoal({ id: 'bo2', ...period, owner: { kind: 'person', id: 'bo' } }),
    metricGoal({ id: 'cy1', ...period, owner: { kind: 'person', id: 'cy' } }),
    metricGoal({ id: 'eve1', ...period, owner: { kind: 'person', id: 'eve' } }),
  ];
  const checkIns = [
    checkIn('ana1', '2025-01-02T09:00:00Z', 20),
    checkIn('ana1', '2025-01-05T09:00:00Z', 50), // on track
    checkIn('bo1', '2025-01-05T09:00:00Z', 45), // at risk
    checkIn('bo2', '2025-01-03T09:00:00Z', 10),
    checkIn('bo2', '2025-01-05T09:00:00Z', 20), // off track, 30 behind
    checkIn('cy1', '2025-01-05T09:00:00Z', 35), // off track, 15 behind
  ];

  it('puts who needs attention first, and worst goal first within a person', () => {
    const rows = buildTeamDashboard({
      now: new Date('2025-01-05T12:00:00Z'),
      timeZone: 'UTC',
      managerId: 'm',
      people,
      goals,
      checkIns,
      pace: paceSettings(),
    });
    expect(rows.map((r) => [r.personId, r.worstStatus, r.needsAttention])).toEqual([
      ['bo', 'off-track', 2],
      ['cy', 'off-track', 1],
      ['ana', 'on-track', 0],
    ]);
    expect(rows[0]?.goals.map((g) => [g.goalId, g.pace.status])).toEqual([
      ['bo2', 'off-track'],
      ['bo1', 'at-risk'],
    ]);
    expect(rows[0]?.maxGapPoints).toBeCloseTo(30, 9);
    expect(rows[2]?.goals[0]?.sparkline).toEqual([
      { date: '2025-01-02', share: 0.2 },
      { date: '2025-01-05', share: 0.5 },
    ]);
  });
});
