import {
  fail,
  ok,
  splitByShares,
  type Goal,
  type Result,
  type WorkingStep,
} from '../core-browser.ts';

/**
 * Splitting a parent goal's figures over the units or people who carry it. The start and the
 * target are both split by the same shares, with core's exact split, so the children add back to
 * the parent figure for figure; the working (shares, rounding, where the remainder went) is kept
 * for the wizard to show.
 */

/** Who receives a part, and the figure their share follows (headcount, last output, a weight). */
export interface Recipient {
  kind: 'unit' | 'person';
  id: string;
  label: string;
  basisValue: number;
}

/** One child goal's figures. */
export interface DecompositionPart {
  recipient: Recipient;
  start: number;
  target: number;
  /** The share as a weight out of 100, for the child's weight within the parent. */
  weight: number;
}

/** A decomposition with its working, ready to turn into child goals. */
export interface Decomposition {
  parts: DecompositionPart[];
  steps: WorkingStep[];
}

/** Why a parent cannot be split as asked. */
export type DecompositionFailure = 'no-metric' | 'no-recipients' | 'split-failed';

/**
 * Splits `parent`'s metric over the recipients by their basis values. `decimals` is the precision
 * of the figures (0 for money in whole units). Weights are the shares in percent rounded to two
 * places, and also exact-split so they add up to 100.
 */
export function decompose(
  parent: Goal,
  recipients: readonly Recipient[],
  basis: 'headcount' | 'last-output' | 'custom',
  decimals: number,
): Result<Decomposition, DecompositionFailure> {
  if (parent.metric === null) {
    return fail(
      'no-metric',
      'The parent goal has no figures to split; give it a start and a target.',
    );
  }
  if (recipients.length === 0) return fail('no-recipients', 'Choose at least one unit or person.');
  const units = recipients.map((r) => ({ id: r.id, label: r.label, basisValue: r.basisValue }));
  const target = splitByShares({ total: parent.metric.target, units, basis, decimals });
  const start = splitByShares({ total: parent.metric.start, units, basis, decimals });
  const weights = splitByShares({ total: 100, units, basis, decimals: 2 });
  if (!target.ok) return fail('split-failed', target.message, { reason: target.reason });
  if (!start.ok) return fail('split-failed', start.message, { reason: start.reason });
  if (!weights.ok) return fail('split-failed', weights.message, { reason: weights.reason });
  return ok({
    parts: recipients.map((recipient, i) => ({
      recipient,
      start: start.value.parts[i]?.value ?? 0,
      target: target.value.parts[i]?.value ?? 0,
      weight: weights.value.parts[i]?.value ?? 0,
    })),
    steps: [
      ...target.value.steps,
      {
        code: 'start-split',
        text: `The start (${parent.metric.start}) is split by the same shares: ${start.value.parts
          .map((p) => `${p.label} ${p.value}`)
          .join(', ')}.`,
        values: { start: parent.metric.start },
      },
    ],
  });
}

/**
 * The child goals of a decomposition, one per part, under `parent`, inheriting its period, unit and
 * direction. `newId` supplies globally unique ids.
 */
export function childGoals(
  parent: Goal,
  decomposition: Decomposition,
  newId: () => string,
  title: (recipient: Recipient) => string,
): Goal[] {
  const metric = parent.metric;
  return decomposition.parts.map((part) => ({
    id: newId(),
    title: title(part.recipient),
    owner: { kind: part.recipient.kind, id: part.recipient.id },
    contributors: [],
    parentId: parent.id,
    periodStart: parent.periodStart,
    periodEnd: parent.periodEnd,
    weight: part.weight,
    status: 'active',
    visibility: 'public',
    kind: 'metric',
    metric:
      metric === null
        ? null
        : {
            unit: metric.unit,
            start: part.start,
            target: part.target,
            current: null,
            direction: metric.direction,
          },
    milestones: [],
  }));
}
