import type { Direction } from '../model/performance.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import type { CompiledFormula, FormulaInputs } from './formula.ts';
import { compileFormula, evaluateFormula } from './formula.ts';
import type { FormulaPart } from './formula-parse.ts';
import { FORMULA_PARTS } from './formula-parse.ts';
import type { IndicatorSource, ScorecardInput } from './input.ts';
import { ScorecardInput as ScorecardInputSchema } from './input.ts';
import type { ScoringIssue } from './issues.ts';
import { describeIssues, fromZodIssues, issue } from './issues.ts';
import type { GroupStatus, RaterGroup } from './raters.ts';
import { combineRaters, raterIssues } from './raters.ts';
import { Rational, q, sumR } from './rational.ts';
import type { RatingScale, ScoreValue } from './scale.ts';
import { clampToScale, toScoreValue } from './scale.ts';
import { applyStandard, checkStandard } from './standard.ts';
import { weightIssues } from './weights.ts';

/** A proportion (an effective weight), exact and as a percentage with two decimals. */
export interface Share {
  exact: string;
  percent: string;
}

/** One indicator's line in the breakdown (S3). */
export interface IndicatorOutcome {
  key: string;
  label: string;
  unit: string;
  direction: Direction;
  source: IndicatorSource;
  weight: number;
  actual: number | null;
  status: 'scored' | 'missing-actual';
  score: ScoreValue | null;
  /** Weight among the scored indicators (S3.3); null when missing. */
  share: Share | null;
}

/** One rater group's line (S4); never names or rates an individual rater. */
export interface GroupLine {
  group: RaterGroup;
  weight: number;
  submitted: number;
  status: GroupStatus;
  score: ScoreValue | null;
  share: Share | null;
}

/** Something the reader of a score should know: a missing actual, a group left out (S3.3, S4). */
export interface ScoreNote {
  path: string;
  reason: string;
  message: string;
}

/** The final score, or why there is none for these inputs (S7.4). */
export type FinalScore =
  | {
      ok: true;
      source: 'formula' | 'scorecard' | 'reviews';
      score: ScoreValue;
      /** The formula's exact value before clamping; equals score.exact unless clamped. */
      unclamped: string;
      clamped: boolean;
    }
  | { ok: false; source: 'formula' | 'scorecard' | 'reviews'; reason: string; message: string };

/** Everything `scoreCard` answers (S7.3); plain JSON, identical wherever it is computed. */
export interface ScoreBreakdown {
  rateeId: string;
  scale: { id: string; min: number; max: number; decimals: number };
  indicators: IndicatorOutcome[];
  /** Sum of the weights of indicators that had an actual, exact (100 when none is missing). */
  weightScored: string;
  groups: GroupLine[];
  parts: Record<FormulaPart, ScoreValue | null>;
  formula: string | null;
  final: FinalScore;
  notes: ScoreNote[];
}

/** Why `scoreCard` refused an input: the first issue's reason; all issues are in details. */
export interface ScoreCardFailureDetails {
  issues: ScoringIssue[];
}

function share(x: Rational): Share {
  return { exact: x.toExact(), percent: x.mul(Rational.of(100n)).toFixed(2) };
}

/** Cross-field checks zod cannot express (S2, S3.2, S4.1, S5.3, S7.1). */
function semanticIssues(card: ScorecardInput): {
  issues: ScoringIssue[];
  formula: CompiledFormula | null;
} {
  const out: ScoringIssue[] = [];
  const keys = new Map<string, number>();
  card.indicators.forEach((ind, i) => {
    const earlier = keys.get(ind.key);
    if (earlier !== undefined) {
      out.push(
        issue(
          ['indicators', i, 'key'],
          'duplicate-indicator',
          `"${ind.key}" is already indicators[${earlier}]`,
        ),
      );
    } else keys.set(ind.key, i);
    if (ind.source === 'goal-progress' && ind.direction !== 'increase') {
      out.push(
        issue(
          ['indicators', i, 'direction'],
          'goal-progress-direction',
          'goal progress indicators are "increase": more progress is better',
        ),
      );
    }
    out.push(
      ...checkStandard(ind.standard, ind.direction, card.scale, ['indicators', i, 'standard']),
    );
  });
  if (card.indicators.length > 0) {
    out.push(
      ...weightIssues(
        card.indicators.map((i) => i.weight),
        ['indicators'],
      ),
    );
  }
  for (const key of Object.keys(card.actuals)) {
    if (!keys.has(key)) {
      out.push(issue(['actuals', key], 'unknown-actual', `no indicator has the key "${key}"`));
    }
  }
  if (card.raters) out.push(...raterIssues(card.raters, card.rateeId, card.scale, ['raters']));
  let formula: CompiledFormula | null = null;
  if (card.formula !== undefined) {
    const compiled = compileFormula(card.formula, card.scale);
    if (compiled.ok) formula = compiled.value;
    else out.push(issue(['formula'], compiled.reason, compiled.message));
  } else if (card.indicators.length > 0 && card.raters) {
    out.push(
      issue(
        ['formula'],
        'formula-required',
        'a card with indicators and raters needs a formula saying how to combine them',
      ),
    );
  } else if (card.indicators.length === 0 && !card.raters) {
    out.push(issue([], 'empty-card', 'a card needs indicators, raters or both'));
  }
  return { issues: out, formula };
}

/** Weighted mean over the scored indicators of one selection (S3.3, S3.4). */
function weightedMean(
  lines: readonly { weight: Rational; score: Rational | null }[],
): Rational | null {
  const scored = lines.filter((l) => l.score !== null);
  const total = sumR(scored.map((l) => l.weight));
  if (scored.length === 0 || total.isZero()) return null;
  return sumR(scored.map((l) => l.weight.mul(l.score as Rational))).div(total);
}

/**
 * Scores one scorecard (S7): validates the JSON-shaped input, scores each indicator, combines
 * the raters, evaluates the formula and clamps the final score. This is the only path from a
 * scorecard to a score; the side panel, the server and the CLI all call it so they agree exactly.
 */
export function scoreCard(input: unknown): Result<ScoreBreakdown> {
  const parsed = ScorecardInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const card = parsed.data;
  const { issues, formula } = semanticIssues(card);
  const first = issues[0];
  if (first) return fail(first.reason, describeIssues(issues), { issues });
  return ok(compute(card, formula));
}

function compute(card: ScorecardInput, formula: CompiledFormula | null): ScoreBreakdown {
  const scale: RatingScale = card.scale;
  const notes: ScoreNote[] = [];
  const lines = card.indicators.map((ind, i) => {
    const raw = card.actuals[ind.key];
    const actual = raw === undefined ? null : raw;
    const score =
      actual === null ? null : applyStandard(ind.standard, ind.direction, q(actual), scale);
    if (actual === null) {
      notes.push({
        path: `indicators[${i}]`,
        reason: 'missing-actual',
        message: `${ind.label} has no actual; it is left out and the other weights renormalised`,
      });
    }
    return { ind, actual, score, weight: q(ind.weight) };
  });
  const scoredWeight = sumR(lines.filter((l) => l.score !== null).map((l) => l.weight));
  const indicators: IndicatorOutcome[] = lines.map((l) => ({
    key: l.ind.key,
    label: l.ind.label,
    unit: l.ind.unit,
    direction: l.ind.direction,
    source: l.ind.source,
    weight: l.ind.weight,
    actual: l.actual,
    status: l.score === null ? 'missing-actual' : 'scored',
    score: l.score === null ? null : toScoreValue(l.score, scale),
    share: l.score === null ? null : share(l.weight.div(scoredWeight) as Rational),
  }));

  const values: Record<FormulaPart, Rational | null> = {
    goalScore: weightedMean(lines.filter((l) => l.ind.source === 'goal-progress')),
    indicatorScore: weightedMean(lines.filter((l) => l.ind.source === 'figure')),
    scorecardScore: weightedMean(lines),
    self: null,
    peers: null,
    manager: null,
    upward: null,
    reviewScore: null,
  };

  let groups: GroupLine[] = [];
  if (card.raters) {
    const outcome = combineRaters(card.raters);
    for (const g of outcome.groups) values[g.group] = g.score;
    values.reviewScore = outcome.reviewScore;
    groups = outcome.groups.map((g) => ({
      group: g.group,
      weight: g.weight,
      submitted: g.submitted,
      status: g.status,
      score: g.score ? toScoreValue(g.score, scale) : null,
      share: g.share ? share(g.share) : null,
    }));
    for (const g of outcome.groups) {
      if (g.weight > 0 && g.status === 'no-reviews') {
        notes.push({
          path: `raters.groupWeights.${g.group}`,
          reason: 'group-missing',
          message: `no submitted ${g.group} review; the group is left out and the other weights renormalised`,
        });
      }
      if (g.status === 'below-anonymity-threshold') {
        const need = card.raters.anonymity[g.group as 'peers' | 'upward'];
        notes.push({
          path: `raters.groupWeights.${g.group}`,
          reason: 'below-anonymity-threshold',
          message: `${g.submitted} ${g.group} review(s) submitted, at least ${need} are needed before they are shown; the group is treated as missing`,
        });
      }
    }
  }

  const parts = Object.fromEntries(
    FORMULA_PARTS.map((p) => [p, values[p] ? toScoreValue(values[p] as Rational, scale) : null]),
  ) as Record<FormulaPart, ScoreValue | null>;

  return {
    rateeId: card.rateeId,
    scale: { id: scale.id, min: scale.min, max: scale.max, decimals: scale.decimals },
    indicators,
    weightScored: scoredWeight.toExact(),
    groups,
    parts,
    formula: formula ? formula.source : null,
    final: finalScore(card, formula, values, scale),
    notes,
  };
}

function finalScore(
  card: ScorecardInput,
  formula: CompiledFormula | null,
  values: FormulaInputs,
  scale: RatingScale,
): FinalScore {
  let source: 'formula' | 'scorecard' | 'reviews';
  let raw: Rational | null;
  if (formula) {
    source = 'formula';
    const r = evaluateFormula(formula, values);
    if (!r.ok) return { ok: false, source, reason: r.reason, message: r.message };
    raw = r.value;
  } else {
    source = card.indicators.length > 0 ? 'scorecard' : 'reviews';
    raw = (source === 'scorecard' ? values.scorecardScore : values.reviewScore) ?? null;
    if (!raw) {
      const what =
        source === 'scorecard'
          ? 'no indicator has an actual'
          : 'no rater group has a result that may be shown';
      return { ok: false, source, reason: 'no-score', message: what };
    }
  }
  const clamped = clampToScale(raw, scale);
  return {
    ok: true,
    source,
    score: toScoreValue(clamped, scale),
    unclamped: raw.toExact(),
    clamped: !clamped.eq(raw),
  };
}
