import { z } from 'zod';
import type { Rational } from './rational.ts';
import { clampR, pow10, q, unitsToText } from './rational.ts';

/** One wording on a rating scale: scores from `from` up to the next label's `from` carry it. */
export const ScaleLabel = z.object({
  from: z.number(),
  label: z.string().min(1),
});
export type ScaleLabel = z.infer<typeof ScaleLabel>;

/**
 * A rating scale (S1.1). Organisations rate on 1-5 stars, 1-4 worded levels or 0-100 points, so
 * the scale is data: its bounds, how many decimals a score is shown with, and its wording.
 */
export const RatingScale = z
  .object({
    id: z.string().min(1).default('custom'),
    min: z.number(),
    max: z.number(),
    /** Decimals a score is displayed with (S0.2); the exact value is always kept as well. */
    decimals: z.number().int().min(0).max(6).default(2),
    /** Ascending by `from`; the first must start at `min`. Empty means "no wording". */
    labels: z.array(ScaleLabel).default([]),
  })
  .superRefine((s, ctx) => {
    if (!(s.min < s.max)) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be above min' });
    }
    s.labels.forEach((l, i) => {
      if (l.from < s.min || l.from > s.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels', i, 'from'],
          message: `${l.from} is outside the scale ${s.min}-${s.max}`,
        });
      }
      const prev = s.labels[i - 1];
      if (prev && !(prev.from < l.from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['labels', i, 'from'],
          message: 'labels must be in strictly ascending order of "from"',
        });
      }
    });
    const first = s.labels[0];
    if (first && first.from !== s.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels', 0, 'from'],
        message: `the first label must start at the bottom of the scale (${s.min})`,
      });
    }
  });
export type RatingScale = z.infer<typeof RatingScale>;

/** Five stars, 1-5, one label per star; the scale most review tools default to. */
export const FIVE_STAR: RatingScale = {
  id: 'five-star',
  min: 1,
  max: 5,
  decimals: 2,
  labels: [
    { from: 1, label: 'Unsatisfactory' },
    { from: 2, label: 'Needs improvement' },
    { from: 3, label: 'Meets expectations' },
    { from: 4, label: 'Exceeds expectations' },
    { from: 5, label: 'Outstanding' },
  ],
};

/** Four worded levels, 1-4; no middle point, so nobody can sit on the fence. */
export const FOUR_LEVEL: RatingScale = {
  id: 'four-level',
  min: 1,
  max: 4,
  decimals: 2,
  labels: [
    { from: 1, label: 'Does not meet' },
    { from: 2, label: 'Partially meets' },
    { from: 3, label: 'Fully meets' },
    { from: 4, label: 'Exceeds' },
  ],
};

/** Points 0-100, shown with one decimal; for organisations that score like an exam. */
export const PERCENT: RatingScale = {
  id: 'percent',
  min: 0,
  max: 100,
  decimals: 1,
  labels: [
    { from: 0, label: 'Below expectations' },
    { from: 60, label: 'Meets expectations' },
    { from: 85, label: 'Exceeds expectations' },
  ],
};

/** The presets by id, so a scorecard file may say `"scale": "five-star"`. */
export const SCALE_PRESETS: Readonly<Record<string, RatingScale>> = {
  'five-star': FIVE_STAR,
  'four-level': FOUR_LEVEL,
  percent: PERCENT,
};

/**
 * A score as every consumer receives it (S0.2): the exact value, the nearest double, and the text
 * to show, rounded once from the exact value. The UI and the CLI print `display`, never re-round.
 */
export interface ScoreValue {
  exact: string;
  value: number;
  display: string;
  /** The wording of the displayed value on the scale, or null when the scale has none. */
  label: string | null;
}

/** The bounds of a scale as exact numbers. */
export function scaleBounds(scale: RatingScale): { lo: Rational; hi: Rational } {
  return { lo: q(scale.min), hi: q(scale.max) };
}

/** Clamps an exact score into the scale (S1.3). */
export function clampToScale(x: Rational, scale: RatingScale): Rational {
  const { lo, hi } = scaleBounds(scale);
  return clampR(x, lo, hi);
}

/**
 * The label of a score (S1.2): the last label whose `from` is at or below the *displayed* value,
 * so a person shown "3.00" never reads the wording of the band below 3.
 */
export function labelFor(x: Rational, scale: RatingScale): string | null {
  return labelOfUnits(x.roundedUnits(scale.decimals), scale);
}

/** {@link labelFor} of a value already rounded to the scale's decimals, in units of 10^-decimals. */
function labelOfUnits(units: bigint, scale: RatingScale): string | null {
  const unit = pow10(scale.decimals);
  let found: string | null = null;
  for (const l of scale.labels) {
    // from <= units / 10^decimals, compared without building the rounded value.
    const from = q(l.from);
    if (from.n * unit <= units * from.d) found = l.label;
  }
  return found;
}

/** Packs an exact score into the form every consumer receives. */
export function toScoreValue(x: Rational, scale: RatingScale): ScoreValue {
  // The display and the label read the same rounded value: round once.
  const units = x.roundedUnits(scale.decimals);
  return {
    exact: x.toExact(),
    value: x.toNumber(),
    display: unitsToText(units, scale.decimals),
    label: labelOfUnits(units, scale),
  };
}
