import { z } from 'zod';
import { Id } from '../model/ids.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { Rational, q, sumR } from './rational.ts';
import type { ScoringIssue } from './issues.ts';
import { describeIssues, fromZodIssues, issue } from './issues.ts';

const Percent = z.number().min(0).max(100);

/** A band of final scores and the organisation's guidance for it (S6.1). */
export const CalibrationBand = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  /** Lowest score in the band; the band runs up to the next band's `from`. */
  from: z.number(),
  /** At least this percent of the unit should sit here ("at least 5% in the bottom band"). */
  minShare: Percent.optional(),
  /** At most this percent of the unit may sit here ("at most 20% in the top band"). */
  maxShare: Percent.optional(),
});
export type CalibrationBand = z.infer<typeof CalibrationBand>;

/** A unit's final scores and the bands they are calibrated against. */
export const CalibrationInput = z.object({
  bands: z.array(CalibrationBand).min(1),
  scores: z.array(z.object({ personId: Id, score: z.number() })),
});
export type CalibrationInput = z.input<typeof CalibrationInput>;

/** One band after distributing the scores (S6.2-S6.4). */
export interface BandDistribution {
  key: string;
  label: string;
  from: number;
  count: number;
  /** Percent of the unit in the band, two decimals (S0.2). */
  percent: string;
  /** Most people allowed by `maxShare` (floor), or null without a maximum. */
  allowed: number | null;
  /** Fewest people required by `minShare` (ceiling), or null without a minimum. */
  required: number | null;
  moveOut: number;
  moveIn: number;
  /** Who to look at first when moving people out: the nearest to the band's edge (S6.4). */
  moveOutCandidates: string[];
  /** Who to look at first when filling the band: the nearest outside it (S6.4). */
  moveInCandidates: string[];
  people: string[];
}

/** The distribution of one unit (S6). */
export interface Distribution {
  total: number;
  bands: BandDistribution[];
}

function floorR(x: Rational): bigint {
  const f = x.n / x.d;
  return x.n < 0n && f * x.d !== x.n ? f - 1n : f;
}
function ceilR(x: Rational): bigint {
  return -floorR(x.neg());
}

/** Distance from a score to a half-open range [lo, hi); zero inside it. */
function distance(score: Rational, lo: Rational | null, hi: Rational | null): Rational {
  if (lo && score.lt(lo)) return lo.sub(score);
  if (hi && score.cmp(hi) >= 0) return score.sub(hi);
  return Rational.ZERO;
}

function guidanceIssues(bands: CalibrationInput['bands']): ScoringIssue[] {
  const out: ScoringIssue[] = [];
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (prev && !(prev.from < b.from)) {
      out.push(
        issue(
          ['bands', i, 'from'],
          'bands-not-ascending',
          'bands must be in ascending order of "from"',
        ),
      );
    }
    if (b.minShare !== undefined && b.maxShare !== undefined && b.minShare > b.maxShare) {
      out.push(
        issue(['bands', i, 'minShare'], 'guidance-infeasible', 'minShare is above maxShare'),
      );
    }
  });
  const mins = sumR(bands.map((b) => q(b.minShare ?? 0)));
  if (mins.gt(Rational.of(100n))) {
    out.push(
      issue(
        ['bands'],
        'guidance-infeasible',
        `minimum shares add to ${mins.toExact()}%, above 100%`,
      ),
    );
  }
  if (bands.every((b) => b.maxShare !== undefined)) {
    const maxes = sumR(bands.map((b) => q(b.maxShare ?? 0)));
    if (maxes.lt(Rational.of(100n))) {
      out.push(
        issue(
          ['bands'],
          'guidance-infeasible',
          `maximum shares add to ${maxes.toExact()}%, below 100%`,
        ),
      );
    }
  }
  return out;
}

/**
 * Distributes a unit's scores into bands and says how many people each band is over or under
 * the guidance (S6.1-S6.4). Counts only: who actually moves is the calibration meeting's call.
 */
export function distributeScores(input: unknown): Result<Distribution> {
  const parsed = CalibrationInput.safeParse(input);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const { bands, scores } = parsed.data;
  const problems = guidanceIssues(bands);
  const first = problems[0];
  if (first) return fail(first.reason, describeIssues(problems), { issues: problems });

  const n = scores.length;
  const edges = bands.map((b, i) => {
    const next = bands[i + 1];
    return { lo: i === 0 ? null : q(b.from), hi: next ? q(next.from) : null };
  });
  const people = scores.map((s) => ({ id: s.personId, score: q(s.score) }));
  const bandOf = (score: Rational): number => {
    let at = 0;
    bands.forEach((b, i) => {
      if (q(b.from).cmp(score) <= 0) at = i;
    });
    return at;
  };
  const placed = people.map((p) => ({ ...p, band: bandOf(p.score) }));
  const byNearest = (list: typeof placed, key: (p: (typeof placed)[number]) => Rational) =>
    [...list]
      .sort((a, b) => key(a).cmp(key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((p) => p.id);

  const out: BandDistribution[] = bands.map((b, i) => {
    const edge = edges[i] as { lo: Rational | null; hi: Rational | null };
    const inside = placed.filter((p) => p.band === i);
    const outside = placed.filter((p) => p.band !== i);
    const count = inside.length;
    const allowed =
      b.maxShare === undefined
        ? null
        : Number(floorR(q(b.maxShare).mul(q(n)).div(q(100)) as Rational));
    const required =
      b.minShare === undefined
        ? null
        : Number(ceilR(q(b.minShare).mul(q(n)).div(q(100)) as Rational));
    const moveOut = allowed === null ? 0 : Math.max(0, count - allowed);
    const moveIn = required === null ? 0 : Math.max(0, required - count);
    // Nearest to a neighbouring band = smallest distance to either edge of this band.
    const toEdge = (p: { score: Rational }): Rational => {
      const ds = [edge.lo ? p.score.sub(edge.lo) : null, edge.hi ? edge.hi.sub(p.score) : null];
      const known = ds.filter((d): d is Rational => d !== null);
      return known.length === 0 ? Rational.ZERO : known.reduce((a, d) => (d.lt(a) ? d : a));
    };
    return {
      key: b.key,
      label: b.label,
      from: b.from,
      count,
      percent: n === 0 ? '0.00' : q(count).mul(q(100)).div(q(n))!.toFixed(2),
      allowed,
      required,
      moveOut,
      moveIn,
      moveOutCandidates: byNearest(inside, toEdge).slice(0, moveOut),
      moveInCandidates: byNearest(outside, (p) => distance(p.score, edge.lo, edge.hi)).slice(
        0,
        moveIn,
      ),
      people: byNearest(inside, (p) => p.score.neg()),
    };
  });
  return ok({ total: n, bands: out });
}
