import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import type { CardPlan } from './card-plan.ts';
import type { CompiledFormula } from './formula.ts';
import { compileFormula } from './formula.ts';
import type { ScorecardInput } from './input.ts';
import { ScorecardInput as ScorecardInputSchema } from './input.ts';
import type { ScoringIssue } from './issues.ts';
import { describeIssues, fromZodIssues, issue } from './issues.ts';
import { raterIssues } from './raters.ts';
import { checkStandard } from './standard.ts';
import { weightIssues } from './weights.ts';

/** A scorecard input that passed every check (S7.1-S7.2), ready to be scored. */
export interface CheckedCard {
  card: ScorecardInput;
  formula: CompiledFormula | null;
  /** Worked out once for a cycle's frame (card-frame.ts); absent for a card read on its own. */
  plan?: CardPlan;
}

/**
 * Reads a scorecard input the long way: zod for the shape, then the cross-field checks. Every
 * refusal of `scoreCard` comes from here, so its messages name the field whatever path the card
 * took; `prepareCard` (card-frame.ts) only answers cards this function would accept.
 */
export function checkCard(input: unknown): Result<CheckedCard> {
  const parsed = ScorecardInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const card = parsed.data;
  const { issues, formula } = semanticIssues(card);
  const first = issues[0];
  if (first) return fail(first.reason, describeIssues(issues), { issues });
  return ok({ card, formula });
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
