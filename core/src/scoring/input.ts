import { z } from 'zod';
import { Direction } from '../model/performance.ts';
import { Id } from '../model/ids.ts';
import { RaterSection } from './raters.ts';
import { RatingScale, SCALE_PRESETS } from './scale.ts';
import { ScoringStandard } from './standard.ts';

/**
 * Where an indicator's actual comes from (S3.2): a measured figure, or a goal's progress fraction
 * (0 = start, 1 = target reached, above 1 = over-achieved) computed by the goal maths.
 */
export const IndicatorSource = z.enum(['figure', 'goal-progress']);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

/** One line of a scorecard (S1.1, S3.1). */
export const Indicator = z.object({
  key: z.string().min(1).max(120),
  label: z.string().min(1),
  unit: z.string().default(''),
  direction: Direction,
  /** Share of the card, in percent; all weights on a card add to 100 (S2). */
  weight: z.number(),
  source: IndicatorSource.default('figure'),
  standard: ScoringStandard,
});
export type Indicator = z.infer<typeof Indicator>;

const presetIds = Object.keys(SCALE_PRESETS) as [string, ...string[]];

/**
 * A scorecard as JSON (S7.1): what `scoreCard` reads, what the side panel stores and what
 * `firstline score FILE` will load. Everything needed to recompute the score is in it.
 */
export const ScorecardInput = z.object({
  /** The format version; raised when a field changes meaning. */
  version: z.literal(1).default(1),
  /** The person being scored; used to refuse a reviewer rating themself (S4.1). */
  rateeId: Id,
  /** A preset id ("five-star", "four-level", "percent") or a scale of its own. */
  scale: z.union(
    [z.enum(presetIds).transform((id) => SCALE_PRESETS[id] as RatingScale), RatingScale],
    {
      // A name that is no preset would otherwise read "Invalid input": say which names exist.
      error: (iss) =>
        typeof iss.input === 'string'
          ? `unknown scale preset "${iss.input}"; the presets are ${presetIds.join(', ')} ` +
            '(or a scale of its own: { "min": 1, "max": 5 })'
          : undefined,
    },
  ),
  indicators: z.array(Indicator).default([]),
  /** Actual figures by indicator key; an absent key or null is a missing actual (S3.3). */
  actuals: z.record(z.string(), z.number().nullable()).default({}),
  raters: RaterSection.optional(),
  /** Optional formula over named parts (S5); needed when a card has indicators and raters. */
  formula: z.string().optional(),
});
export type ScorecardInput = z.infer<typeof ScorecardInput>;
/** The input as written in a file, before defaults are filled in. */
export type ScorecardInputJson = z.input<typeof ScorecardInput>;
