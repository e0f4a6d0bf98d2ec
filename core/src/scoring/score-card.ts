import type { Direction } from '../model/performance.ts';
import type { Result } from '../model/result.ts';
import { ok } from '../model/result.ts';
import { checkCard } from './card-checks.ts';
import type { Share } from './card-plan.ts';
import { CardPlan } from './card-plan.ts';
import { prepareCard } from './card-frame.ts';
import type { CompiledFormula, FormulaInputs } from './formula.ts';
import { evaluateFormula } from './formula.ts';
import type { FormulaPart } from './formula-parse.ts';
import { FORMULA_PARTS } from './formula-parse.ts';
import type { IndicatorSource, ScorecardInput } from './input.ts';
import type { ScoringIssue } from './issues.ts';
import type { GroupStatus, RaterGroup } from './raters.ts';
import { combineRaters } from './raters.ts';
import { Rational } from './rational.ts';
import type { RatingScale, ScoreValue } from './scale.ts';

export type { Share } from './card-plan.ts';

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

/** Weighted mean over the scored indicators of one selection (S3.3, S3.4). */
function weightedMean(
  lines: readonly { weight: Rational; score: Rational | null }[],
): Rational | null {
  let total = Rational.ZERO;
  let sum = Rational.ZERO;
  let scored = 0;
  for (const l of lines) {
    if (l.score === null) continue;
    scored++;
    total = total.add(l.weight);
    sum = sum.add(l.weight.mul(l.score));
  }
  if (scored === 0 || total.isZero()) return null;
  return sum.div(total);
}

/**
 * Scores one scorecard (S7): validates the JSON-shaped input, scores each indicator, combines
 * the raters, evaluates the formula and clamps the final score. This is the only path from a
 * scorecard to a score; the side panel, the server and the CLI all call it so they agree exactly.
 */
export function scoreCard(input: unknown): Result<ScoreBreakdown> {
  // Cards of a cycle share their frame, checked once (card-frame.ts); anything unusual, and
  // every refusal, goes the long way so the messages are the same whichever way a card came.
  const checked = prepareCard(input) ?? checkCard(input);
  if (!checked.ok) return checked;
  const { card, formula, plan } = checked.value;
  return ok(compute(card, formula, plan ?? new CardPlan(card)));
}

function compute(
  card: ScorecardInput,
  formula: CompiledFormula | null,
  plan: CardPlan,
): ScoreBreakdown {
  const scale: RatingScale = card.scale;
  const notes: ScoreNote[] = [];
  const lines = plan.indicators.map((p, i) => {
    const ind = p.ind;
    const raw = card.actuals[ind.key];
    const actual = raw === undefined ? null : raw;
    if (actual === null) {
      notes.push({
        path: `indicators[${i}]`,
        reason: 'missing-actual',
        message: `${ind.label} has no actual; it is left out and the other weights renormalised`,
      });
    }
    return { ind, actual, score: actual === null ? null : p.score(actual), weight: p.weight };
  });
  const scored = plan.scored(lines.map((l) => l.score !== null));
  const indicators: IndicatorOutcome[] = lines.map((l, i) => {
    const shared = scored.shares[i];
    return {
      key: l.ind.key,
      label: l.ind.label,
      unit: l.ind.unit,
      direction: l.ind.direction,
      source: l.ind.source,
      weight: l.ind.weight,
      actual: l.actual,
      status: l.score === null ? 'missing-actual' : 'scored',
      score: l.score === null ? null : plan.scoreValue(l.score),
      share: l.score === null || !shared ? null : { exact: shared.exact, percent: shared.percent },
    };
  });

  // With one kind of indicator, its selection is all of them: the same mean, worked out once.
  const all = weightedMean(lines);
  const onlyGoals = lines.length > 0 && lines.every((l) => l.ind.source === 'goal-progress');
  const values: Record<FormulaPart, Rational | null> = {
    goalScore: plan.mixedSources
      ? weightedMean(lines.filter((l) => l.ind.source === 'goal-progress'))
      : onlyGoals
        ? all
        : null,
    indicatorScore: plan.mixedSources
      ? weightedMean(lines.filter((l) => l.ind.source === 'figure'))
      : onlyGoals
        ? null
        : all,
    scorecardScore: all,
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
      score: g.score ? plan.scoreValue(g.score) : null,
      share: g.share ? plan.share(g.share) : null,
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

  const parts = {} as Record<FormulaPart, ScoreValue | null>;
  for (const p of FORMULA_PARTS) {
    const v = values[p];
    parts[p] = v ? plan.scoreValue(v) : null;
  }

  return {
    rateeId: card.rateeId,
    scale: { id: scale.id, min: scale.min, max: scale.max, decimals: scale.decimals },
    indicators,
    weightScored: scored.exact,
    groups,
    parts,
    formula: formula ? formula.source : null,
    final: finalScore(card, formula, values, plan),
    notes,
  };
}

function finalScore(
  card: ScorecardInput,
  formula: CompiledFormula | null,
  values: FormulaInputs,
  plan: CardPlan,
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
  const clamped = plan.clamp(raw);
  return {
    ok: true,
    source,
    score: plan.scoreValue(clamped),
    unclamped: plan.exact(raw),
    clamped: !clamped.eq(raw),
  };
}
