import { z } from 'zod';
import { Id } from '../model/ids.ts';
import { Rational, q, sumR } from './rational.ts';
import type { RatingScale } from './scale.ts';
import type { ScoringIssue } from './issues.ts';
import { issue } from './issues.ts';

/** Who rates the person (S4.1). The order here is the order groups are reported in. */
export const RATER_GROUPS = ['self', 'manager', 'peers', 'upward'] as const;
export const RaterGroup = z.enum(RATER_GROUPS);
export type RaterGroup = z.infer<typeof RaterGroup>;

/** One rater's overall rating of the ratee, on the card's scale. */
export const RaterReview = z.object({
  reviewerId: Id,
  group: RaterGroup,
  rating: z.number(),
  /** Drafts are carried for completeness but never counted (S4.2). */
  submitted: z.boolean().default(true),
});
export type RaterReview = z.infer<typeof RaterReview>;

/**
 * The multi-rater part of a scorecard (S4). Group weights are relative: only their proportions
 * matter (S4.4), so 60/30/10 and 6/3/1 give the same score.
 */
export const RaterSection = z.object({
  groupWeights: z.partialRecord(RaterGroup, z.number().nonnegative()),
  /** Fewest submitted reviews before a group's result may be shown (S4.3). */
  anonymity: z
    .object({
      peers: z.number().int().min(1).default(3),
      upward: z.number().int().min(1).default(3),
    })
    .default({ peers: 3, upward: 3 }),
  reviews: z.array(RaterReview).default([]),
});
export type RaterSection = z.infer<typeof RaterSection>;

/** What happened to one rater group (S4.2-S4.4). */
export type GroupStatus = 'used' | 'no-reviews' | 'below-anonymity-threshold' | 'not-weighted';

/** One group's outcome, free of anything that identifies an individual rater. */
export interface GroupOutcome {
  group: RaterGroup;
  /** The weight as configured (0 when the organisation gave none). */
  weight: number;
  /** Submitted reviews counted; drafts excluded. */
  submitted: number;
  status: GroupStatus;
  /** The group's mean rating; null when there is none or it may not be shown. */
  score: Rational | null;
  /** The weight after leaving out missing groups (S4.4); null when the group does not count. */
  share: Rational | null;
}

/** The combined multi-rater result (S4.4). */
export interface RaterOutcome {
  groups: GroupOutcome[];
  /** Null when no weighted group has a score. */
  reviewScore: Rational | null;
}

/**
 * Refuses impossible reviews (S4.1): a rater rating themself outside the self group, a self
 * review by someone else, the same reviewer twice, a rating outside the scale, no positive weight.
 */
export function raterIssues(
  raters: RaterSection,
  rateeId: string,
  scale: RatingScale,
  at: readonly PropertyKey[],
): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  const weights = Object.values(raters.groupWeights);
  if (!weights.some((w) => w !== undefined && w > 0)) {
    out.push(
      issue(
        [...at, 'groupWeights'],
        'group-weights-zero',
        'at least one rater group needs a weight above 0',
      ),
    );
  }
  const seen = new Map<string, number>();
  raters.reviews.forEach((r, i) => {
    const here = [...at, 'reviews', i];
    if (r.group !== 'self' && r.reviewerId === rateeId) {
      out.push(
        issue(
          [...here, 'reviewerId'],
          'reviewer-is-ratee',
          `${r.reviewerId} cannot review themself as ${r.group}; use the self group`,
        ),
      );
    }
    if (r.group === 'self' && r.reviewerId !== rateeId) {
      out.push(
        issue(
          [...here, 'reviewerId'],
          'self-review-by-other',
          `a self review must be written by the ratee ${rateeId}, not ${r.reviewerId}`,
        ),
      );
    }
    if (r.rating < scale.min || r.rating > scale.max) {
      out.push(
        issue(
          [...here, 'rating'],
          'rating-out-of-scale',
          `${r.rating} is outside the scale ${scale.min}-${scale.max}`,
        ),
      );
    }
    const earlier = seen.get(r.reviewerId);
    if (earlier !== undefined) {
      out.push(
        issue(
          [...here, 'reviewerId'],
          'duplicate-reviewer',
          `${r.reviewerId} already reviewed this person (reviews[${earlier}])`,
        ),
      );
    } else {
      seen.set(r.reviewerId, i);
    }
  });
  return out;
}

/**
 * Combines rater groups (S4.2-S4.4): the mean within each group, groups without a shown result
 * left out, the remaining weights renormalised. Assumes {@link raterIssues} found nothing.
 */
export function combineRaters(raters: RaterSection): RaterOutcome {
  const groups: GroupOutcome[] = RATER_GROUPS.map((group) => {
    const weight = raters.groupWeights[group] ?? 0;
    const ratings = raters.reviews
      .filter((r) => r.group === group && r.submitted)
      .map((r) => q(r.rating));
    const threshold = group === 'peers' || group === 'upward' ? raters.anonymity[group] : 1;
    let status: GroupStatus;
    let score: Rational | null = null;
    if (ratings.length === 0) status = 'no-reviews';
    else if (ratings.length < threshold) status = 'below-anonymity-threshold';
    else {
      score = sumR(ratings).div(Rational.of(BigInt(ratings.length)));
      status = weight > 0 ? 'used' : 'not-weighted';
    }
    return { group, weight, submitted: ratings.length, status, score, share: null };
  });
  const used = groups.filter((g) => g.status === 'used');
  const total = sumR(used.map((g) => q(g.weight)));
  if (used.length === 0 || total.isZero()) return { groups, reviewScore: null };
  let reviewScore = Rational.ZERO;
  for (const g of used) {
    g.share = q(g.weight).div(total);
    reviewScore = reviewScore.add((g.share as Rational).mul(g.score as Rational));
  }
  return { groups, reviewScore };
}
