import { describe, expect, it } from 'vitest';
import type { ScorecardInputJson } from './input.ts';
import { scoreCard } from './score-card.ts';

/**
 * S7.6: a card whose frame was checked before must get exactly what checking it from scratch
 * gives. A top-level object without a prototype is not plain JSON data, so `scoreCard` always
 * takes the full check for it: that is the reference every answer here is compared with.
 */
function fromScratch(input: object): ReturnType<typeof scoreCard> {
  return scoreCard(Object.assign(Object.create(null) as object, input));
}

function indicators(): NonNullable<ScorecardInputJson['indicators']> {
  return [
    {
      key: 'sales',
      label: 'Sales',
      direction: 'increase',
      weight: 33.33,
      standard: { kind: 'linear', floor: 10, target: 20.5, targetScore: 4, stretch: { at: 30 } },
    },
    {
      key: 'defects',
      label: 'Defects',
      direction: 'decrease',
      weight: 33.33,
      standard: { kind: 'inverse', target: 2, cap: 1.5, scoreAtTarget: 4 },
    },
    {
      key: 'trainings',
      label: 'Trainings',
      direction: 'increase',
      weight: 33.34,
      standard: {
        kind: 'bands',
        bands: [
          { threshold: 1, score: 2 },
          { threshold: 3, score: 4.5 },
        ],
      },
    },
  ];
}

function card(
  rateeId: string,
  actuals: Record<string, unknown>,
  reviews: unknown[],
  shared = indicators(),
): Record<string, unknown> {
  return {
    rateeId,
    scale: 'five-star',
    indicators: shared,
    actuals,
    raters: {
      groupWeights: { manager: 60, peers: 30, self: 10 },
      anonymity: { peers: 2 },
      reviews,
    },
    formula: '0.5 * scorecardScore + 0.5 * reviewScore',
  };
}

function sameBothWays(input: Record<string, unknown>): ReturnType<typeof scoreCard> {
  const fast = scoreCard(input);
  const slow = fromScratch(input);
  expect(fast).toEqual(slow);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  return fast;
}

describe('frames checked once (S7.6)', () => {
  it('S7.6 gives every person of a cycle what the full check gives', () => {
    let seed = 5;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const shared = indicators();
    let scoredCount = 0;
    for (let i = 0; i < 300; i++) {
      const actuals: Record<string, unknown> = {};
      for (const key of ['sales', 'defects', 'trainings']) {
        const v = pick([undefined, null, 0, -0, 1, 2.5, 12.75, 20.5, 25, 31, 1e-7, 4]);
        if (v !== undefined) actuals[key] = v;
      }
      const reviews: unknown[] = [];
      if (rnd() < 0.7)
        reviews.push({ reviewerId: 'boss', group: 'manager', rating: pick([1, 3.5, 5]) });
      if (rnd() < 0.5) reviews.push({ reviewerId: `p${i}`, group: 'self', rating: 4 });
      for (const peer of ['a', 'b', 'c']) {
        if (rnd() < 0.5) {
          reviews.push({
            reviewerId: peer,
            group: 'peers',
            rating: pick([2, 4.25]),
            submitted: rnd() < 0.8,
          });
        }
      }
      const r = sameBothWays(card(`p${i}`, actuals, reviews, rnd() < 0.5 ? shared : indicators()));
      if (r.ok) scoredCount++;
    }
    expect(scoredCount).toBe(300);
  });

  it('S7.6 S7.2 refuses a bad person part with the same issues as the full check', () => {
    const hidden: Record<string, unknown> = { sales: 12 };
    Object.defineProperty(hidden, Symbol('x'), { value: 1, enumerable: true });
    const bad: Record<string, unknown>[] = [
      card('ann', { sales: 12, revenu: 3 }, []),
      card('ann', { sales: Number.NaN }, []),
      card('ann', { sales: Number.POSITIVE_INFINITY }, []),
      card('ann', { sales: '12' }, []),
      card('ann', hidden, []),
      card('ann', {}, [{ reviewerId: 'bob', group: 'self', rating: 3 }]),
      card('ann', {}, [{ reviewerId: 'ann', group: 'peers', rating: 3 }]),
      card('ann', {}, [
        { reviewerId: 'bob', group: 'manager', rating: 3 },
        { reviewerId: 'bob', group: 'peers', rating: 3 },
      ]),
      card('ann', {}, [{ reviewerId: 'bob', group: 'manager', rating: 5.01 }]),
      card('ann', {}, [{ reviewerId: 'bob', group: 'manager', rating: 3, submitted: 'yes' }]),
      card('ann', {}, [{ reviewerId: 'bob', group: 'boss', rating: 3 }]),
      card('ann', {}, [{ reviewerId: 'b b', group: 'manager', rating: 3 }]),
      card('a/b', {}, []),
      card('', {}, []),
    ];
    for (const input of bad) {
      scoreCard(card('warm', {}, [])); // the frame is known before the bad card comes
      const r = sameBothWays(input);
      expect([bad.indexOf(input), r.ok]).toEqual([bad.indexOf(input), false]);
    }
    // JSON.parse makes an own "__proto__" key; zod leaves it out, and so must the fast way.
    const proto = JSON.parse('{"sales": 12, "__proto__": 3}') as Record<string, unknown>;
    expect(sameBothWays(card('ann', proto, [])).ok).toBe(true);
    const unknown = sameBothWays(bad[0] as Record<string, unknown>);
    expect(unknown.ok ? null : unknown.message).toBe(
      'actuals.revenu: no indicator has the key "revenu"',
    );
  });

  it('S7.6 a frame changed in place between two cards is checked again', () => {
    const shared = indicators();
    const before = sameBothWays(card('ann', { sales: 15 }, [], shared));
    expect(before.ok).toBe(true);
    const sales = shared[0] as { standard: { floor: number } };
    sales.standard.floor = 12;
    const moved = sameBothWays(card('ann', { sales: 15 }, [], shared));
    expect(moved.ok && before.ok && moved.value.parts.scorecardScore?.exact).not.toBe(
      before.ok && before.value.parts.scorecardScore?.exact,
    );
    (shared[2] as { weight: number }).weight = 33.35;
    const refused = sameBothWays(card('ann', { sales: 15 }, [], shared));
    expect(refused.ok ? null : refused.reason).toBe('weights-sum-not-100');
    delete (shared[1] as { standard: { scoreAtTarget?: number } }).standard.scoreAtTarget;
    (shared[2] as { weight: number }).weight = 33.34;
    expect(sameBothWays(card('ann', { defects: 1 }, [], shared)).ok).toBe(true);
  });

  it('S7.6 tells -0 from 0 and a refused frame stays refused', () => {
    const scale = (min: number) => ({ id: 'z', min, max: 10, labels: [] });
    for (const min of [0, -0, 0]) {
      const r = sameBothWays({ ...card('ann', { sales: 15 }, []), scale: scale(min) });
      expect(r.ok && Object.is(r.value.scale.min, min)).toBe(true);
    }
    for (let i = 0; i < 2; i++) {
      const r = sameBothWays({ ...card('ann', {}, []), formula: 'scorecardScore / (self - self)' });
      expect(r.ok ? null : r.reason).toBe('formula-division-may-be-zero');
    }
  });

  it('S7.6 many frames in turn, more than are kept, all score as from scratch', () => {
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < 40; k++) {
        const shared = indicators();
        (shared[0] as { label: string }).label = `Sales ${k}`;
        const r = sameBothWays(card('ann', { sales: 10 + k / 4 }, [], shared));
        expect(r.ok && r.value.indicators[0]?.label).toBe(`Sales ${k}`);
      }
    }
  });

  it('S7.6 no two breakdowns share an object', () => {
    const a = scoreCard(card('ann', { sales: 15, defects: 1 }, []));
    const b = scoreCard(card('bob', { sales: 15, defects: 1 }, []));
    if (!a.ok || !b.ok) throw new Error('refused');
    const score = a.value.indicators[0]?.score as { display: string };
    score.display = 'changed';
    (a.value.indicators[0]?.share as { percent: string }).percent = 'changed';
    (a.value.parts.scorecardScore as { exact: string }).exact = 'changed';
    const c = scoreCard(card('cid', { sales: 15, defects: 1 }, []));
    expect(c).toEqual({ ...b, value: { ...b.value, rateeId: 'cid' } });
    expect(b.value.indicators[0]?.score?.display).not.toBe('changed');
  });
});
