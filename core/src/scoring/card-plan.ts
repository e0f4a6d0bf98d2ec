import type { Indicator, ScorecardInput } from './input.ts';
import { Rational, clampR, q } from './rational.ts';
import type { RatingScale, ScoreValue } from './scale.ts';
import { toScoreValue } from './scale.ts';
import { standardScorer } from './standard.ts';

/** A proportion (an effective weight), exact and as a percentage with two decimals. */
export interface Share {
  exact: string;
  percent: string;
}

const HUNDRED = Rational.of(100n);
/** Entries a plan remembers per table before it starts again; a cycle needs far fewer. */
const MEMO_SIZE = 4096;

/** Numerators and denominators this small make one exact number key: cheaper than bigint keys. */
const SMALL = 2n ** 25n;
const SPAN = 2 ** 26;

/** Answers kept by exact value; bounded. */
class ByValue<T> {
  /** By the number itself: the same score object often comes back (a remembered standard). */
  private readonly byRef = new Map<Rational, T>();
  private readonly small = new Map<number, T>();
  private readonly large = new Map<string, T>();

  get(x: Rational, make: (x: Rational) => T): T {
    const same = this.byRef.get(x);
    if (same !== undefined) return same;
    const isSmall = x.n < SMALL && x.n > -SMALL && x.d < SMALL;
    const key = isSmall ? (Number(x.n) + SPAN) * SPAN + Number(x.d) : `${x.n}/${x.d}`;
    let made = isSmall ? this.small.get(key as number) : this.large.get(key as string);
    if (made === undefined) {
      made = make(x);
      if (this.small.size + this.large.size >= MEMO_SIZE) {
        this.small.clear();
        this.large.clear();
      }
      if (isSmall) this.small.set(key as number, made);
      else this.large.set(key as string, made);
    }
    if (this.byRef.size >= MEMO_SIZE) this.byRef.clear();
    this.byRef.set(x, made);
    return made;
  }
}

/** One indicator of a plan: its weight and its standard, read once. */
export interface IndicatorPlan {
  ind: Indicator;
  weight: Rational;
  /** The score of an actual (S1), remembered by actual. */
  score(actual: number): Rational;
}

/** Which indicators had an actual, and what that makes of the weights (S3.3). */
export interface Scored {
  weight: Rational;
  /** The weight written out (S3.3: 100 when nothing is missing). */
  exact: string;
  /** Each indicator's share among the scored ones; null when it is missing. */
  shares: (Share | null)[];
}

/**
 * What `scoreCard` works out once for a card's frame (scale, indicators, standards, weights)
 * and then reuses for every person of the cycle: exact numbers read once, and the formatted
 * answers for values it has met before. Everything kept is immutable or copied when handed out,
 * so a breakdown never shares an object with another one.
 */
export class CardPlan {
  readonly scale: RatingScale;
  readonly lo: Rational;
  readonly hi: Rational;
  readonly indicators: IndicatorPlan[];
  /** Some indicators are goal progress, and some are figures: the selections of S3.4 differ. */
  readonly mixedSources: boolean;
  private readonly values = new ByValue<ScoreValue>();
  private readonly shareTexts = new ByValue<Share>();
  private readonly byMask = new Map<number, Scored>();

  constructor(card: ScorecardInput) {
    this.scale = card.scale;
    this.lo = q(card.scale.min);
    this.hi = q(card.scale.max);
    this.indicators = card.indicators.map((ind) => {
      const scorer = standardScorer(ind.standard, ind.direction, card.scale);
      const seen = new Map<number, Rational>();
      return {
        ind,
        weight: q(ind.weight),
        score(actual: number): Rational {
          let s = seen.get(actual);
          if (s === undefined) {
            if (seen.size >= MEMO_SIZE) seen.clear();
            seen.set(actual, (s = scorer(q(actual))));
          }
          return s;
        },
      };
    });
    const goals = card.indicators.filter((i) => i.source === 'goal-progress').length;
    this.mixedSources = goals > 0 && goals < card.indicators.length;
  }

  /** `toScoreValue(x, scale)`, a fresh object each time. */
  scoreValue(x: Rational): ScoreValue {
    const v = this.values.get(x, (y) => toScoreValue(y, this.scale));
    return { exact: v.exact, value: v.value, display: v.display, label: v.label };
  }

  /** `x.toExact()`, through the same memory as {@link scoreValue}. */
  exact(x: Rational): string {
    return this.values.get(x, (y) => toScoreValue(y, this.scale)).exact;
  }

  /** A share written out, a fresh object each time. */
  share(x: Rational): Share {
    const s = this.shareTexts.get(x, (y) => ({
      exact: y.toExact(),
      percent: y.mul(HUNDRED).toFixed(2),
    }));
    return { exact: s.exact, percent: s.percent };
  }

  /** The scored weight and shares when `scored[i]` says which indicators had an actual. */
  scored(scored: readonly boolean[]): Scored {
    let mask = -1;
    if (scored.length <= 30) {
      mask = 0;
      scored.forEach((s, i) => (mask |= s ? 1 << i : 0));
      const known = this.byMask.get(mask);
      if (known) return known;
    }
    let weight = Rational.ZERO;
    this.indicators.forEach((p, i) => {
      if (scored[i]) weight = weight.add(p.weight);
    });
    const shares = this.indicators.map((p, i) =>
      scored[i] ? this.share(p.weight.div(weight) as Rational) : null,
    );
    const out = { weight, exact: weight.toExact(), shares };
    if (mask >= 0) {
      if (this.byMask.size >= MEMO_SIZE) this.byMask.clear();
      this.byMask.set(mask, out);
    }
    return out;
  }

  /** Clamps into the scale (S1.3). */
  clamp(x: Rational): Rational {
    return clampR(x, this.lo, this.hi);
  }
}
