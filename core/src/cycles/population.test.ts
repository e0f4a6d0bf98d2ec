import { describe, expect, it } from 'vitest';
import {
  expectedReviews,
  expectedReviewsFor,
  mayReview,
  peersOf,
  teamsByManager,
} from './expected-raters.ts';
import { cyclePopulation, templateFor } from './population.ts';
import { planScorecards, takeSnapshot } from './snapshot.ts';
import { testDirectory, testPerson, testSettings } from './testing.ts';

const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id);

describe('population and templates', () => {
  it('C1.3 everyone active by default, in id order, terminated left out', () => {
    const pop = ids(cyclePopulation(testDirectory(), testSettings()));
    expect(pop).not.toContain('gone');
    expect(pop).toEqual([...pop].sort());
    expect(pop).toHaveLength(13);
  });

  it('C1.3 a unit filter takes the units below it; filters combine with and', () => {
    const d = testDirectory();
    const unit = testSettings({ population: { unitIds: ['d1'] } });
    expect(ids(cyclePopulation(d, unit))).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'b1',
      'b2',
      'dh1',
      'm1',
      'm2',
    ]);
    const both = testSettings({ population: { unitIds: ['t1'], regionIds: ['north'] } });
    expect(ids(cyclePopulation(d, both))).toEqual(['a1', 'a2']);
    const family = testSettings({ population: { jobFamilies: ['sales'] } });
    expect(ids(cyclePopulation(d, family))).toEqual(['s1']);
  });

  it('C2.1 the first fitting template wins; an empty match fits everyone', () => {
    const d = testDirectory();
    const s = testSettings();
    expect(templateFor(d, s, d.people.get('s1')!)?.id).toBe('sales');
    expect(templateFor(d, s, d.people.get('a1')!)?.id).toBe('default');
    const unitOnly = testSettings({
      templates: [
        { ...s.templates[1]!, id: 'd2-only', match: { jobFamilies: [], unitIds: ['d2'] } },
      ],
    });
    expect(templateFor(d, unitOnly, d.people.get('s1')!)?.id).toBe('d2-only');
    expect(templateFor(d, unitOnly, d.people.get('a1')!)).toBeNull();
  });
});

describe('expected raters', () => {
  it('C3.1 self, direct manager, peers and (when asked) upward', () => {
    const d = testDirectory();
    const got = expectedReviewsFor(d, testSettings({ upward: true }), 'm1');
    expect(got.map((r) => `${r.group}:${r.raterId}`)).toEqual([
      'self:m1',
      'manager:dh1',
      'peers:m2',
      'upward:a1',
      'upward:a2',
      'upward:a3',
      'upward:a4',
    ]);
    const noUpward = expectedReviewsFor(d, testSettings(), 'm1');
    expect(noUpward.some((r) => r.group === 'upward')).toBe(false);
  });

  it('C3.2 peers walk the team ring from the person, at most peersPerPerson', () => {
    const d = testDirectory();
    const team = teamsByManager(d).get('m1')!;
    expect(ids(team)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(peersOf(team, 'a3', 2)).toEqual(['a4', 'a1']);
    expect(peersOf(team, 'a1', 10)).toEqual(['a2', 'a3', 'a4']);
    expect(peersOf(team, 'zz', 3)).toEqual([]);
  });

  it('C3.2 in a team of n each member writes as many peer reviews as they receive', () => {
    const extra = Array.from({ length: 7 }, (_, i) => testPerson(`x${i}`, 'mx', 't1'));
    const d = testDirectory([testPerson('mx', 'dh1', 't1'), ...extra]);
    const all = expectedReviews(d, testSettings({ peersPerPerson: 3 })).filter(
      (r) => r.group === 'peers',
    );
    for (const p of extra) {
      expect(all.filter((r) => r.raterId === p.id)).toHaveLength(3);
      expect(all.filter((r) => r.rateeId === p.id)).toHaveLength(3);
    }
  });

  it('C3.3 only self, chain, teammates and direct reports may review; never a stranger', () => {
    const d = testDirectory();
    expect(mayReview(d, 'a1', 'a1')).toBe(true);
    expect(mayReview(d, 'a1', 'm1')).toBe(true);
    expect(mayReview(d, 'a1', 'dh1')).toBe(true);
    expect(mayReview(d, 'a1', 'a2')).toBe(true);
    expect(mayReview(d, 'm1', 'a1')).toBe(true);
    expect(mayReview(d, 'a1', 'b1')).toBe(false);
    expect(mayReview(d, 'a1', 'gone')).toBe(false);
    expect(mayReview(d, 'a1', 'nobody')).toBe(false);
  });
});

describe('snapshots and bulk creation', () => {
  it('C2.2 the snapshot freezes title, unit and template: a promotion later changes nothing', () => {
    const d = testDirectory();
    const s = testSettings();
    const snap = takeSnapshot(d, s, 'a1', '2026-01-05');
    if (!snap.ok) throw new Error(snap.message);
    expect(snap.value).toMatchObject({
      title: 'Engineer',
      unitId: 't1',
      unitName: 'T1',
      managerId: 'm1',
      templateId: 'default',
      takenOn: '2026-01-05',
      formula: '0.5 * scorecardScore + 0.5 * reviewScore',
    });
    const promoted = testDirectory([
      testPerson('a1', 'm3', 't3', { title: 'Lead', jobFamily: 'sales' }),
    ]);
    expect(promoted.people.get('a1')?.title).toBe('Lead');
    expect(snap.value.title).toBe('Engineer');
    expect(snap.value.indicators.map((i) => i.key)).toEqual(['absences', 'special-projects']);
    const unknown = takeSnapshot(d, s, 'nobody', '2026-01-05');
    expect(unknown.ok ? null : unknown.reason).toBe('unknown-person');
  });

  it('C2.3 bulk creation covers the population once; existing cards are left alone', () => {
    const d = testDirectory();
    const s = testSettings({ population: { unitIds: ['t1'] } });
    const first = planScorecards(d, s, '2026-01-05');
    expect(first.map((x) => x.personId)).toEqual(['a1', 'a2', 'a3', 'a4', 'm1']);
    const again = planScorecards(d, s, '2026-01-06', new Set(first.map((x) => x.personId)));
    expect(again).toEqual([]);
  });
});
