import { z } from 'zod';
import { Id } from '../model/ids.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { q } from './rational.ts';
import { describeIssues, fromZodIssues, issue } from './issues.ts';

/** Where a score sits on one axis of the 9-box (S6.5). */
export type NineBoxLevel = 'low' | 'moderate' | 'high';
const LEVELS: readonly NineBoxLevel[] = ['low', 'moderate', 'high'];

const Cuts = z.object({ moderateFrom: z.number(), highFrom: z.number() });

/** The two cut points of each axis; a score at a cut point belongs to the higher level. */
export const NineBoxCuts = z.object({ performance: Cuts, potential: Cuts });
export type NineBoxCuts = z.infer<typeof NineBoxCuts>;

/**
 * Conventional names of the nine boxes, by box number (S6.5). Box = 3 x potential level +
 * performance level + 1, so box 1 is low/low and box 9 high/high.
 */
export const NINE_BOX_LABELS: Readonly<Record<number, string>> = {
  1: 'Underperformer',
  2: 'Effective',
  3: 'Trusted professional',
  4: 'Inconsistent player',
  5: 'Core player',
  6: 'High performer',
  7: 'Rough diamond',
  8: 'Emerging star',
  9: 'Star',
};

/** One person's place on the grid. */
export interface NineBoxPlacement {
  performance: NineBoxLevel;
  potential: NineBoxLevel;
  box: number;
  label: string;
}

function level(score: number, cuts: z.infer<typeof Cuts>): number {
  const s = q(score);
  if (s.cmp(q(cuts.highFrom)) >= 0) return 2;
  if (s.cmp(q(cuts.moderateFrom)) >= 0) return 1;
  return 0;
}

/**
 * Places one person by performance band x potential band (S6.5). Refuses cuts that are not
 * ascending; a score is compared exactly, so 3.5 with `highFrom: 3.5` is high.
 */
export function placeNineBox(
  performance: number,
  potential: number,
  cuts: NineBoxCuts,
): Result<NineBoxPlacement> {
  const parsed = NineBoxCuts.safeParse(cuts);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const problems = (['performance', 'potential'] as const)
    .filter((axis) => !(cuts[axis].moderateFrom < cuts[axis].highFrom))
    .map((axis) =>
      issue([axis, 'highFrom'], 'cuts-not-ascending', 'highFrom must be above moderateFrom'),
    );
  const first = problems[0];
  if (first) return fail(first.reason, describeIssues(problems), { issues: problems });
  if (!Number.isFinite(performance) || !Number.isFinite(potential)) {
    return fail('invalid-input', 'performance and potential must be finite numbers');
  }
  const perf = level(performance, cuts.performance);
  const pot = level(potential, cuts.potential);
  const box = pot * 3 + perf + 1;
  return ok({
    performance: LEVELS[perf] as NineBoxLevel,
    potential: LEVELS[pot] as NineBoxLevel,
    box,
    label: NINE_BOX_LABELS[box] as string,
  });
}

/** A unit on the grid: the people in each of the nine boxes, box 1 to 9 (S6.5). */
export const NineBoxInput = z.object({
  cuts: NineBoxCuts,
  people: z.array(z.object({ personId: Id, performance: z.number(), potential: z.number() })),
});

/** Fills the grid for a unit; each box lists its people in id order. */
export function nineBoxGrid(input: unknown): Result<
  {
    box: number;
    label: string;
    performance: NineBoxLevel;
    potential: NineBoxLevel;
    people: string[];
  }[]
> {
  const parsed = NineBoxInput.safeParse(input);
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    return fail('invalid-input', describeIssues(issues), { issues });
  }
  const grid = Array.from({ length: 9 }, (_, i) => ({
    box: i + 1,
    label: NINE_BOX_LABELS[i + 1] as string,
    performance: LEVELS[i % 3] as NineBoxLevel,
    potential: LEVELS[Math.floor(i / 3)] as NineBoxLevel,
    people: [] as string[],
  }));
  for (const p of parsed.data.people) {
    const placed = placeNineBox(p.performance, p.potential, parsed.data.cuts);
    if (!placed.ok) return placed;
    grid[placed.value.box - 1]?.people.push(p.personId);
  }
  for (const b of grid) b.people.sort();
  return ok(grid);
}
