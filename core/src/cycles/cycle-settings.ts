import { z } from 'zod';
import { Id, IsoDate } from '../model/ids.ts';
import { CyclePhase } from '../model/org.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { CalibrationBand } from '../scoring/calibration.ts';
import { describeIssues, fromZodIssues, issue, type ScoringIssue } from '../scoring/issues.ts';
import { Indicator, type ScorecardInputJson } from '../scoring/input.ts';
import { NineBoxCuts } from '../scoring/nine-box.ts';
import { RaterGroup } from '../scoring/raters.ts';
import { RatingScale, SCALE_PRESETS } from '../scoring/scale.ts';
import { scoreCard } from '../scoring/score-card.ts';

/** The phases in their order (C1.2); a cycle moves forward through them and stops at `closed`. */
export const CYCLE_PHASES = CyclePhase.options;

/** The planned dates of one phase (C1.2). */
export const PhaseDates = z
  .object({ start: IsoDate, end: IsoDate })
  .refine((p) => p.start <= p.end, {
    message: 'a phase cannot end before it starts',
    path: ['end'],
  });
export type PhaseDates = z.infer<typeof PhaseDates>;

/** Who takes part (C1.3). An empty list does not filter; filters combine with "and". */
export const PopulationFilter = z.object({
  /** Units whose members take part, and every unit below them. */
  unitIds: z.array(Id).default([]),
  jobFamilies: z.array(z.string()).default([]),
  regionIds: z.array(Id).default([]),
});
export type PopulationFilter = z.infer<typeof PopulationFilter>;

/**
 * The indicators a role is scored on (C2.1). The first template whose `match` fits a person is
 * theirs; a template with an empty match fits everyone, so it serves as the default.
 */
export const ScorecardTemplate = z.object({
  id: Id,
  label: z.string().min(1),
  match: z
    .object({ jobFamilies: z.array(z.string()).default([]), unitIds: z.array(Id).default([]) })
    .default({ jobFamilies: [], unitIds: [] }),
  indicators: z.array(Indicator).min(1),
});
export type ScorecardTemplate = z.infer<typeof ScorecardTemplate>;

const presetIds = Object.keys(SCALE_PRESETS) as [string, ...string[]];

/**
 * A review cycle as HR configures it (C1). It is stored as the cycle's entry in the directory's
 * `cycles` map: the directory's own `ReviewCycle` schema reads the id, name, dates and phase from
 * the same entry (and the permission function reads the phase), this schema reads all of it.
 */
export const CycleSettings = z.object({
  id: Id,
  name: z.string().min(1),
  start: IsoDate,
  end: IsoDate,
  phase: CyclePhase.default('goal-setting'),
  phases: z.partialRecord(CyclePhase, PhaseDates).default({}),
  population: PopulationFilter.default({ unitIds: [], jobFamilies: [], regionIds: [] }),
  scale: z.union([z.enum(presetIds), RatingScale]).default('five-star'),
  templates: z.array(ScorecardTemplate).default([]),
  groupWeights: z.partialRecord(RaterGroup, z.number().nonnegative()).default({}),
  anonymity: z
    .object({
      peers: z.number().int().min(1).default(3),
      upward: z.number().int().min(1).default(3),
    })
    .default({ peers: 3, upward: 3 }),
  /** Most peers asked to review one person (C3.2). */
  peersPerPerson: z.number().int().min(0).max(20).default(3),
  /** Whether direct reports review their manager (C3.1). */
  upward: z.boolean().default(false),
  formula: z.string().optional(),
  /** Calibration bands and guidance (S6.1); the report names the band of the final score. */
  bands: z.array(CalibrationBand).default([]),
  nineBox: NineBoxCuts.optional(),
});
export type CycleSettings = z.infer<typeof CycleSettings>;
/** Cycle settings as written in a file or form, before defaults are filled in. */
export type CycleSettingsJson = z.input<typeof CycleSettings>;

/** The scale of a cycle as an object, whether the settings name a preset or give their own. */
export function cycleScale(settings: CycleSettings): RatingScale {
  return typeof settings.scale === 'string'
    ? (SCALE_PRESETS[settings.scale] as RatingScale)
    : settings.scale;
}

function checkDates(s: CycleSettings, issues: ScoringIssue[]): void {
  if (s.start > s.end)
    issues.push(issue(['end'], 'cycle-dates', 'the cycle ends before it starts'));
  let previousEnd: string | null = null;
  for (const phase of CYCLE_PHASES) {
    const dates = s.phases[phase];
    if (!dates) continue;
    if (dates.start < s.start || dates.end > s.end) {
      issues.push(
        issue(['phases', phase], 'phase-outside-cycle', `${phase} lies outside the cycle's dates`),
      );
    }
    if (previousEnd !== null && dates.start < previousEnd) {
      issues.push(
        issue(
          ['phases', phase],
          'phases-out-of-order',
          `${phase} starts before the phase before it ends`,
        ),
      );
    }
    previousEnd = dates.end;
  }
}

/**
 * The scoring part of a person's card in this cycle, without actuals or reviews: what `scoreCard`
 * needs besides the figures. Rater groups take part only when some group has a weight.
 */
export function cardFrame(
  s: CycleSettings,
  indicators: readonly Indicator[],
): Omit<ScorecardInputJson, 'rateeId' | 'actuals'> {
  const rated = Object.values(s.groupWeights).some((w) => w !== undefined && w > 0);
  return {
    scale: s.scale,
    indicators: [...indicators],
    ...(rated
      ? { raters: { groupWeights: s.groupWeights, anonymity: s.anonymity, reviews: [] } }
      : {}),
    ...(s.formula === undefined ? {} : { formula: s.formula }),
  };
}

function collectCardIssues(
  s: CycleSettings,
  indicators: readonly Indicator[],
  prefix: string,
  issues: ScoringIssue[],
): void {
  const frame = cardFrame(s, indicators);
  if (indicators.length === 0 && frame.raters === undefined) return;
  const checked = scoreCard({ ...frame, rateeId: 'template-check', actuals: {} });
  if (checked.ok) return;
  const inner = (checked.details as { issues?: ScoringIssue[] } | undefined)?.issues ?? [];
  for (const found of inner) {
    const path = found.path.startsWith('indicators')
      ? `${prefix}${found.path}`
      : found.path.replace(/^raters\./, '');
    issues.push({ ...found, path: path.replace(/\.$/, '') });
  }
}

/**
 * Checks cycle settings when HR saves them (C1.1): the shape, the dates (C1.2), and every template
 * through `scoreCard` with the cycle's raters and formula, so a template whose weights do not add
 * to 100 or a formula that may divide by zero is refused now, not when the first score is due.
 */
export function validateCycleSettings(input: unknown): Result<CycleSettings> {
  const parsed = CycleSettings.safeParse(input);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const s = parsed.data;
  const issues: ScoringIssue[] = [];
  checkDates(s, issues);
  const ids = new Set<string>();
  s.templates.forEach((template, i) => {
    if (ids.has(template.id)) {
      issues.push(
        issue(['templates', i, 'id'], 'duplicate-template', `template ${template.id} twice`),
      );
    }
    ids.add(template.id);
    collectCardIssues(s, template.indicators, `templates[${i}].`, issues);
  });
  if (s.templates.length === 0) collectCardIssues(s, [], '', issues);
  if (issues.length > 0) {
    return fail(issues[0]!.reason, describeIssues(issues), { issues });
  }
  return ok(s);
}
