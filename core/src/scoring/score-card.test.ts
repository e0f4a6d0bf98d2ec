import { describe, expect, it } from 'vitest';
import { scoreCard } from './score-card.ts';
import type { ScoreBreakdown } from './score-card.ts';
import type { ScorecardInputJson } from './input.ts';

const sales = {
  key: 'revenue',
  label: 'Revenue',
  unit: 'EUR',
  direction: 'increase',
  weight: 50,
  standard: { kind: 'linear', floor: 50000, target: 100000 },
} as const;
const defects = {
  key: 'defects',
  label: 'Defects',
  direction: 'decrease',
  weight: 30,
  standard: { kind: 'inverse', target: 2, cap: 1 },
} as const;
const goal = {
  key: 'launch',
  label: 'Launch the shop',
  direction: 'increase',
  weight: 20,
  source: 'goal-progress',
  standard: { kind: 'linear', floor: 0, target: 1 },
} as const;

function card(extra: Partial<ScorecardInputJson> = {}): ScorecardInputJson {
  return {
    rateeId: 'ann',
    scale: 'five-star',
    indicators: [sales, defects, goal],
    actuals: { revenue: 75000, defects: 4, launch: 0.5 },
    ...extra,
  };
}

function scored(input: unknown): ScoreBreakdown {
  const r = scoreCard(input);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r.value;
}

function refusal(input: unknown): { reason: string; message: string; paths: string[] } {
  const r = scoreCard(input);
  if (r.ok) throw new Error('accepted');
  const issues = (r.details as { issues: { path: string }[] }).issues;
  return { reason: r.reason, message: r.message, paths: issues.map((i) => i.path) };
}

describe('scorecard (S3) through scoreCard (S7)', () => {
  it('S3.1 scores each indicator by its standard', () => {
    const out = scored(card());
    expect(out.indicators.map((i) => i.score?.exact)).toEqual(['3', '3', '3']);
    expect(out.indicators.map((i) => i.status)).toEqual(['scored', 'scored', 'scored']);
  });

  it('S3.4 the weighted indicator score is the weighted mean of the scores', () => {
    const out = scored(card({ actuals: { revenue: 100000, defects: 4, launch: 0.25 } }));
    // 0.5 * 5 + 0.3 * 3 + 0.2 * 2 = 3.8
    expect(out.parts.scorecardScore?.exact).toBe('3.8');
    expect(out.parts.indicatorScore?.exact).toBe('4.25'); // (50 * 5 + 30 * 3) / 80
    expect(out.parts.goalScore?.exact).toBe('2');
    expect(out.final).toMatchObject({ ok: true, source: 'scorecard', clamped: false });
    expect(out.final.ok && out.final.score.display).toBe('3.80');
  });

  it('S3.2 goal progress is an indicator whose actual is the progress fraction', () => {
    const out = scored(card({ actuals: { revenue: 75000, defects: 4, launch: 1.3 } }));
    expect(out.indicators[2]).toMatchObject({ source: 'goal-progress', actual: 1.3 });
    expect(out.indicators[2]?.score?.exact).toBe('5');
    const wrong = refusal(
      card({
        indicators: [
          sales,
          defects,
          { ...goal, direction: 'decrease', standard: { kind: 'linear', floor: 1, target: 0 } },
        ],
      }),
    );
    expect(wrong.reason).toBe('goal-progress-direction');
  });

  it('S3.3 a missing actual is reported, left out and the other weights renormalised', () => {
    const out = scored(card({ actuals: { revenue: 100000, defects: null } }));
    expect(out.indicators.map((i) => i.status)).toEqual([
      'scored',
      'missing-actual',
      'missing-actual',
    ]);
    expect(out.indicators[1]?.score).toBeNull();
    expect(out.weightScored).toBe('50');
    expect(out.parts.scorecardScore?.exact).toBe('5'); // not (0.5 * 5 + 0 + 0) = 2.5
    expect(out.indicators[0]?.share).toEqual({ exact: '1', percent: '100.00' });
    expect(out.notes.map((n) => `${n.path} ${n.reason}`)).toEqual([
      'indicators[1] missing-actual',
      'indicators[2] missing-actual',
    ]);
    expect(out.parts.goalScore).toBeNull();
  });

  it('S3.3 with every actual missing there is no score, and it says why', () => {
    const out = scored(card({ actuals: {} }));
    expect(out.final).toMatchObject({ ok: false, reason: 'no-score', source: 'scorecard' });
  });

  it('S3.3 S3.1 an actual for an unknown indicator and a duplicate key are rejected', () => {
    const r = refusal(card({ actuals: { revenue: 1, revenu: 2 } }));
    expect(r.reason).toBe('unknown-actual');
    expect(r.paths).toEqual(['actuals.revenu']);
    const d = refusal(card({ indicators: [sales, { ...defects, key: 'revenue' }, goal] }));
    expect(d.reason).toBe('duplicate-indicator');
    expect(d.paths).toEqual(['indicators[1].key', 'actuals.defects']);
  });

  it('S2.2 a card whose weights are a hair off 100 is rejected with the sum', () => {
    const r = refusal(card({ indicators: [sales, defects, { ...goal, weight: 19.99 }] }));
    expect(r.reason).toBe('weights-sum-not-100');
    expect(r.message).toBe('indicators: weights add to 99.99, they must add to 100');
  });

  it('S2.2 a card whose weights add to over 100 is rejected', () => {
    const r = refusal(card({ indicators: [sales, defects, { ...goal, weight: 20.5 }] }));
    expect(r.reason).toBe('weights-sum-not-100');
    expect(r.message).toContain('100.5');
  });

  it('S2.1 fractional weights are fine and weigh exactly', () => {
    const out = scored(
      card({
        indicators: [
          { ...sales, weight: 33.33 },
          { ...defects, weight: 33.33 },
          { ...goal, weight: 33.34 },
        ],
        actuals: { revenue: 100000, defects: 2, launch: 0 },
      }),
    );
    // (33.33 * 5 + 33.33 * 5 + 33.34 * 1) / 100 = 3.6664
    expect(out.parts.scorecardScore?.exact).toBe('3.6664');
    expect(out.parts.scorecardScore?.display).toBe('3.67');
  });

  it('S7.2 shape errors name the field path', () => {
    const r = refusal({
      rateeId: 'ann',
      scale: 'five-star',
      indicators: [{ ...sales, weight: 'x' }],
    });
    expect(r.reason).toBe('invalid-input');
    expect(r.paths).toEqual(['indicators[0].weight']);
    expect(r.message).toMatch(/^indicators\[0\]\.weight: /);
    const s = refusal({ rateeId: 'ann', scale: 'ten-star', indicators: [sales] });
    expect(s.paths).toEqual(['scale']);
    const st = refusal(
      card({
        indicators: [
          { ...sales, standard: { kind: 'linear', floor: 1, target: 2, targetScore: 6 } },
          defects,
          goal,
        ],
      }),
    );
    expect(st.reason).toBe('score-outside-scale');
    expect(st.paths).toEqual(['indicators[0].standard.targetScore']);
  });

  it('S7.2 every problem is reported, the first one giving the reason', () => {
    const r = refusal(
      card({ indicators: [{ ...sales, weight: 10 }, defects, goal], actuals: { nope: 1 } }),
    );
    expect(r.reason).toBe('weights-sum-not-100');
    expect(r.paths).toEqual(['indicators', 'actuals.nope']);
  });

  it('S7.1 accepts a scale of its own', () => {
    const out = scored(card({ scale: { min: 0, max: 10, decimals: 0 } }));
    expect(out.final.ok && out.final.score.display).toBe('5');
    expect(out.scale).toEqual({ id: 'custom', min: 0, max: 10, decimals: 0 });
  });
});

describe('raters through scoreCard (S4, S7)', () => {
  const raters: NonNullable<ScorecardInputJson['raters']> = {
    groupWeights: { manager: 60, peers: 30, self: 10 },
    reviews: [
      { reviewerId: 'ann', group: 'self', rating: 5 },
      { reviewerId: 'boss', group: 'manager', rating: 3 },
      { reviewerId: 'p1', group: 'peers', rating: 4 },
      { reviewerId: 'p2', group: 'peers', rating: 4.5 },
    ],
  };

  it('S7.3 a card with raters only is scored by the review score', () => {
    const out = scored({ rateeId: 'ann', scale: 'five-star', raters });
    // peers: 2 < 3, left out. (60 * 3 + 10 * 5) / 70
    expect(out.final).toMatchObject({ ok: true, source: 'reviews' });
    expect(out.final.ok && out.final.score.exact).toBe('23/7');
    expect(out.final.ok && out.final.score.display).toBe('3.29');
    expect(out.parts.peers).toBeNull();
    expect(out.notes.map((n) => n.reason)).toEqual(['below-anonymity-threshold']);
    expect(out.notes[0]?.message).toContain('at least 3');
  });

  it('S4.5 the breakdown never carries an individual rater or their rating', () => {
    const out = scored({
      rateeId: 'ann',
      scale: 'five-star',
      raters: { ...raters, anonymity: { peers: 2 } },
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain('p1');
    expect(text).not.toContain('boss');
    expect(out.groups.find((g) => g.group === 'peers')?.score?.exact).toBe('4.25');
  });

  it('S4.1 a reviewer who is the ratee is rejected with the path', () => {
    const r = refusal({
      rateeId: 'ann',
      scale: 'five-star',
      raters: {
        groupWeights: { peers: 1 },
        reviews: [{ reviewerId: 'ann', group: 'peers', rating: 4 }],
      },
    });
    expect(r.reason).toBe('reviewer-is-ratee');
    expect(r.paths).toEqual(['raters.reviews[0].reviewerId']);
  });

  it('S4.1 a fractional rating beyond the top of the scale is rejected', () => {
    const r = refusal({
      rateeId: 'ann',
      scale: 'four-level',
      raters: {
        groupWeights: { manager: 1 },
        reviews: [{ reviewerId: 'boss', group: 'manager', rating: 4.5 }],
      },
    });
    expect(r.reason).toBe('rating-out-of-scale');
    expect(r.message).toBe('raters.reviews[0].rating: 4.5 is outside the scale 1-4');
  });

  it('S7.3 indicators and raters together need a formula', () => {
    expect(refusal(card({ raters })).reason).toBe('formula-required');
    expect(refusal({ rateeId: 'ann', scale: 'five-star' }).reason).toBe('empty-card');
  });

  it('S5.6 the formula result is clamped to the scale and says so', () => {
    const out = scored(card({ raters, formula: 'scorecardScore + reviewScore' }));
    expect(out.final).toMatchObject({
      ok: true,
      source: 'formula',
      clamped: true,
      unclamped: '44/7',
    });
    expect(out.final.ok && out.final.score.exact).toBe('5');
    const low = scored(card({ raters, formula: 'scorecardScore - 10' }));
    expect(low.final).toMatchObject({ ok: true, clamped: true, unclamped: '-7' });
    expect(low.final.ok && low.final.score.exact).toBe('1');
  });

  it('S5.2 a formula naming an unknown part is rejected when the card is read', () => {
    const r = refusal(card({ raters, formula: '0.5 * scorecardScore + 0.5 * peer' }));
    expect(r.reason).toBe('formula-unknown-part');
    expect(r.paths).toEqual(['formula']);
  });

  it('S5.3 a formula dividing by zero is rejected when the card is read', () => {
    expect(refusal(card({ raters, formula: 'manager / 0' })).reason).toBe(
      'formula-division-by-zero',
    );
    expect(refusal(card({ raters, formula: 'manager / (self - 1)' })).reason).toBe(
      'formula-division-may-be-zero',
    );
  });

  it('S5.5 a formula reading a missing group gives an error value, not a zero', () => {
    const out = scored(card({ raters, formula: '0.5 * scorecardScore + 0.5 * peers' }));
    expect(out.final).toMatchObject({ ok: false, source: 'formula', reason: 'part-missing' });
    expect(out.parts.scorecardScore?.exact).toBe('3');
  });

  it('S2.4 rater group weights need not add to 100', () => {
    const out = scored({
      rateeId: 'ann',
      scale: 'five-star',
      raters: { ...raters, groupWeights: { manager: 6, self: 1 } },
    });
    // (6 * 3 + 1 * 5) / 7
    expect(out.final.ok && out.final.score.exact).toBe('23/7');
  });

  it('S7.4 a valid card that cannot be scored yet is answered in full with the reason', () => {
    const out = scored({ rateeId: 'ann', scale: 'five-star', raters: { ...raters, reviews: [] } });
    expect(out.final).toEqual({
      ok: false,
      source: 'reviews',
      reason: 'no-score',
      message: 'no rater group has a result that may be shown',
    });
    expect(out.groups.map((g) => g.status)).toEqual([
      'no-reviews',
      'no-reviews',
      'no-reviews',
      'no-reviews',
    ]);
    expect(out.notes.map((n) => `${n.path} ${n.reason}`)).toEqual([
      'raters.groupWeights.self group-missing',
      'raters.groupWeights.manager group-missing',
      'raters.groupWeights.peers group-missing',
    ]);
  });

  it('S5.4 a formula blends the parts exactly', () => {
    const out = scored(card({ raters, formula: '0.7 * scorecardScore + 0.3 * reviewScore' }));
    // 0.7 * 3 + 0.3 * 23/7 = 2.1 + 69/70 = 216/70
    expect(out.final.ok && out.final.score.exact).toBe('108/35');
    expect(out.final.ok && out.final.score.display).toBe('3.09');
  });
});
