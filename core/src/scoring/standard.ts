import { z } from 'zod';
import type { Direction } from '../model/performance.ts';
import { Rational, clampR, maxR, minR, q } from './rational.ts';
import type { RatingScale } from './scale.ts';
import type { ScoringIssue } from './issues.ts';
import { issue } from './issues.ts';

/**
 * Linear between a floor and a target (S1.4), with an optional stretch beyond the target. For a
 * "lower is better" indicator the floor sits above the target (10 defects floor, 2 target).
 */
export const LinearStandard = z.object({
  kind: z.literal('linear'),
  floor: z.number(),
  target: z.number(),
  /** Score at (and short of) the floor; defaults to the bottom of the scale. */
  floorScore: z.number().optional(),
  /** Score at the target; defaults to the top of the scale. */
  targetScore: z.number().optional(),
  /** Beyond the target the score keeps rising until `at`, where it reaches `score` (default: top). */
  stretch: z.object({ at: z.number(), score: z.number().optional() }).optional(),
});

/** Thresholds with a score each (S1.5): "at least 95% on time gives 4". */
export const BandsStandard = z.object({
  kind: z.literal('bands'),
  /** In order of rising demand: ascending thresholds when higher is better, descending otherwise. */
  bands: z.array(z.object({ threshold: z.number(), score: z.number() })).min(1),
  /** Score when no threshold is reached; defaults to the bottom of the scale. */
  otherwise: z.number().optional(),
});

/** Achievement ratio actual / target, capped (S1.6). Only for "higher is better". */
export const RatioStandard = z.object({
  kind: z.literal('ratio'),
  target: z.number().positive(),
  /** Highest ratio that still counts, e.g. 1.2 for "up to 120%". */
  cap: z.number().positive().default(1),
  /** Score at a ratio of exactly 1; defaults to the top of the scale. */
  scoreAtTarget: z.number().optional(),
});

/** Ratio target / actual for "lower is better" (S1.7): half the allowed defects is ratio 2. */
export const InverseStandard = z.object({
  kind: z.literal('inverse'),
  target: z.number().positive(),
  cap: z.number().positive().default(1),
  scoreAtTarget: z.number().optional(),
});

/** Met or not met (S1.8). */
export const PassFailStandard = z.object({
  kind: z.literal('pass-fail'),
  threshold: z.number(),
  passScore: z.number().optional(),
  failScore: z.number().optional(),
});

/** How an actual figure becomes a score on the card's rating scale (S1). */
export const ScoringStandard = z.discriminatedUnion('kind', [
  LinearStandard,
  BandsStandard,
  RatioStandard,
  InverseStandard,
  PassFailStandard,
]);
export type ScoringStandard = z.infer<typeof ScoringStandard>;

type Path = readonly PropertyKey[];

/** Score parameters may be left out; these are the defaults S1.4-S1.8 state. */
function scoreOr(x: number | undefined, fallback: number): number {
  return x === undefined ? fallback : x;
}

/**
 * Checks a standard against the indicator's direction and the scale (S1.9). Answers every problem
 * found, located under `at` (the standard's path in the input).
 */
export function checkStandard(
  s: ScoringStandard,
  direction: Direction,
  scale: RatingScale,
  at: Path,
): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  const onScale = (v: number | undefined, key: PropertyKey[]): void => {
    if (v !== undefined && (v < scale.min || v > scale.max)) {
      out.push(
        issue(
          [...at, ...key],
          'score-outside-scale',
          `${v} is outside the scale ${scale.min}-${scale.max}`,
        ),
      );
    }
  };
  const better = (a: number, b: number): boolean => (direction === 'increase' ? a > b : a < b);
  const wording = direction === 'increase' ? 'above' : 'below';
  switch (s.kind) {
    case 'linear': {
      onScale(s.floorScore, ['floorScore']);
      onScale(s.targetScore, ['targetScore']);
      onScale(s.stretch?.score, ['stretch', 'score']);
      if (!better(s.target, s.floor)) {
        out.push(
          issue(
            [...at, 'target'],
            'standard-direction-mismatch',
            `for a "${direction}" indicator the target must be ${wording} the floor`,
          ),
        );
      }
      const floorScore = scoreOr(s.floorScore, scale.min);
      const targetScore = scoreOr(s.targetScore, scale.max);
      if (!(floorScore < targetScore)) {
        out.push(
          issue(
            [...at, 'targetScore'],
            'standard-scores-not-rising',
            'the target score must be above the floor score',
          ),
        );
      }
      if (s.stretch) {
        if (!better(s.stretch.at, s.target)) {
          out.push(
            issue(
              [...at, 'stretch', 'at'],
              'standard-direction-mismatch',
              `the stretch point must lie beyond the target (${wording} it)`,
            ),
          );
        }
        if (!(targetScore < scoreOr(s.stretch.score, scale.max))) {
          out.push(
            issue(
              [...at, 'stretch', 'score'],
              'standard-scores-not-rising',
              'the stretch score must be above the target score (set targetScore below the top of the scale)',
            ),
          );
        }
      }
      break;
    }
    case 'bands': {
      onScale(s.otherwise, ['otherwise']);
      s.bands.forEach((b, i) => {
        onScale(b.score, ['bands', i, 'score']);
        const prev = s.bands[i - 1];
        if (prev && !better(b.threshold, prev.threshold)) {
          out.push(
            issue(
              [...at, 'bands', i, 'threshold'],
              'standard-direction-mismatch',
              `thresholds must become more demanding (${direction === 'increase' ? 'ascending' : 'descending'})`,
            ),
          );
        }
        if (prev && b.score < prev.score) {
          out.push(
            issue(
              [...at, 'bands', i, 'score'],
              'standard-scores-not-rising',
              'a more demanding band cannot score lower',
            ),
          );
        }
      });
      break;
    }
    case 'ratio':
    case 'inverse': {
      onScale(s.scoreAtTarget, ['scoreAtTarget']);
      const wanted = s.kind === 'ratio' ? 'increase' : 'decrease';
      if (direction !== wanted) {
        out.push(
          issue(
            [...at, 'kind'],
            'standard-direction-mismatch',
            `a "${s.kind}" standard is for "${wanted}" indicators; use "${s.kind === 'ratio' ? 'inverse' : 'ratio'}"`,
          ),
        );
      }
      if (!(scoreOr(s.scoreAtTarget, scale.max) > scale.min)) {
        out.push(
          issue(
            [...at, 'scoreAtTarget'],
            'standard-scores-not-rising',
            'the score at target must be above the bottom of the scale',
          ),
        );
      }
      break;
    }
    case 'pass-fail': {
      onScale(s.passScore, ['passScore']);
      onScale(s.failScore, ['failScore']);
      if (!(scoreOr(s.failScore, scale.min) <= scoreOr(s.passScore, scale.max))) {
        out.push(
          issue(
            [...at, 'passScore'],
            'standard-scores-not-rising',
            'passing cannot score below failing',
          ),
        );
      }
      break;
    }
  }
  return out;
}

/**
 * Maps an actual figure to an exact score on the scale (S1.4-S1.8). Assumes {@link checkStandard}
 * found nothing; the result is always clamped into the scale (S1.3).
 */
export function applyStandard(
  s: ScoringStandard,
  direction: Direction,
  actual: Rational,
  scale: RatingScale,
): Rational {
  return standardScorer(s, direction, scale)(actual);
}

/** Whether `actual` reaches `threshold` in the indicator's direction. */
function meets(actual: Rational, threshold: Rational, direction: Direction): boolean {
  const c = actual.cmp(threshold);
  return direction === 'increase' ? c >= 0 : c <= 0;
}

/**
 * {@link applyStandard} with the standard's numbers read once, for scoring many actuals against
 * the same indicator (every card of a cycle). Same arithmetic, same result.
 */
export function standardScorer(
  s: ScoringStandard,
  direction: Direction,
  scale: RatingScale,
): (actual: Rational) => Rational {
  const min = q(scale.min);
  const max = q(scale.max);
  const clamp = (x: Rational): Rational => clampR(x, min, max);
  switch (s.kind) {
    case 'linear': {
      const floorScore = q(scoreOr(s.floorScore, scale.min));
      const targetScore = q(scoreOr(s.targetScore, scale.max));
      const floor = q(s.floor);
      const target = q(s.target);
      const span = target.sub(floor);
      const rise = targetScore.sub(floorScore);
      const stretch = s.stretch && {
        span: q(s.stretch.at).sub(target),
        rise: q(scoreOr(s.stretch.score, scale.max)).sub(targetScore),
      };
      return (actual) => {
        // (a - floor) / (target - floor) is the same formula for both directions: the signs cancel.
        if (stretch && meets(actual, target, direction)) {
          const g = clampR(fraction(actual.sub(target), stretch.span), Rational.ZERO, Rational.ONE);
          return clamp(targetScore.add(g.mul(stretch.rise)));
        }
        const f = clampR(fraction(actual.sub(floor), span), Rational.ZERO, Rational.ONE);
        return clamp(floorScore.add(f.mul(rise)));
      };
    }
    case 'bands': {
      const otherwise = q(scoreOr(s.otherwise, scale.min));
      const bands = s.bands.map((b) => ({ threshold: q(b.threshold), score: q(b.score) }));
      return (actual) => {
        let score = otherwise;
        for (const b of bands) if (meets(actual, b.threshold, direction)) score = b.score;
        return clamp(score);
      };
    }
    case 'ratio':
    case 'inverse': {
      const cap = q(s.cap);
      const target = q(s.target);
      const rise = q(scoreOr(s.scoreAtTarget, scale.max)).sub(min);
      const inverse = s.kind === 'inverse';
      return (actual) => {
        let ratio: Rational;
        if (!inverse) ratio = fraction(actual, target);
        else ratio = actual.n > 0n ? fraction(target, actual) : cap; // nothing bad happened: best
        ratio = minR(maxR(ratio, Rational.ZERO), cap);
        return clamp(min.add(ratio.mul(rise)));
      };
    }
    case 'pass-fail': {
      const threshold = q(s.threshold);
      const pass = clamp(q(scoreOr(s.passScore, scale.max)));
      const fail = clamp(q(scoreOr(s.failScore, scale.min)));
      return (actual) => (meets(actual, threshold, direction) ? pass : fail);
    }
  }
}

/** a / b where b is known to be non-zero by validation (target != floor, target > 0). */
function fraction(a: Rational, b: Rational): Rational {
  const r = a.div(b);
  if (r === null) throw new RangeError('scoring standard divided by zero: validation was skipped');
  return r;
}
