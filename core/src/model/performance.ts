import { z } from 'zod';
import { Id, IsoDate } from './ids.ts';

/** Whether a bigger number is better ("revenue") or worse ("defects", "days late"). */
export const Direction = z.enum(['increase', 'decrease']);
export type Direction = z.infer<typeof Direction>;

/** A rating given in an earlier system or cycle, kept as history for trends and predictions. */
export const PriorRating = z
  .object({
    id: Id,
    personId: Id,
    /** Label of the cycle it came from ("2019 annual review"); imported ratings have no cycle id. */
    cycleLabel: z.string(),
    date: IsoDate.nullable(),
    /** The rating on its own scale, and the scale's bounds, so 1-4 and 1-5 scales can be compared. */
    value: z.number(),
    scaleMin: z.number(),
    scaleMax: z.number(),
    /** The wording the old system used ("Fully Meets"). */
    label: z.string().max(80).default(''),
    source: z.string().default('import'),
  })
  // A rating outside its own scale would skew every average it enters (a tester wrote 999 on a
  // 1-4 scale through a record document): such an entry is invalid and readers skip it.
  .refine((r) => r.scaleMin < r.scaleMax, {
    message: 'a rating scale must have its minimum below its maximum',
    path: ['scaleMax'],
  })
  .refine((r) => r.value >= r.scaleMin && r.value <= r.scaleMax, {
    message: 'a rating must lie within its scale',
    path: ['value'],
  });
export type PriorRating = z.infer<typeof PriorRating>;

/** One figure of a person's indicator (absences, engagement...), as of a date. */
export const IndicatorValue = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  value: z.number(),
  unit: z.string().default(''),
  direction: Direction,
  asOf: IsoDate.nullable(),
  source: z.string().default('import'),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

/** A key result's measure: where it started, where it should end, where it is now. */
export const Metric = z.object({
  unit: z.string().default(''),
  start: z.number(),
  target: z.number(),
  current: z.number().nullable(),
  direction: Direction,
});
export type Metric = z.infer<typeof Metric>;

/**
 * One step of a milestone goal ("pilot line running"). Progress of the goal is the weighted share
 * of milestones done, so a milestone can carry its own weight; null shares equally.
 */
export const Milestone = z.object({
  id: Id,
  title: z.string().min(1),
  done: z.boolean().default(false),
  weight: z.number().nonnegative().nullable().default(null),
  due: IsoDate.nullable().default(null),
});
export type Milestone = z.infer<typeof Milestone>;

export const GoalStatus = z.enum(['draft', 'active', 'done', 'archived']);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const Goal = z
  .object({
    id: Id,
    title: z.string().min(1),
    owner: z.object({ kind: z.enum(['person', 'unit']), id: Id }),
    contributors: z.array(Id).default([]),
    parentId: Id.nullable(),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    /** Weight within the parent; null means "share equally with the siblings". */
    weight: z.number().nonnegative().nullable().default(null),
    status: GoalStatus.default('active'),
    visibility: z.enum(['public', 'private']).default('public'),
    kind: z.enum(['metric', 'binary', 'milestone']).default('metric'),
    metric: Metric.nullable().default(null),
    /** Steps of a milestone goal; empty for the other kinds. */
    milestones: z.array(Milestone).default([]),
    /**
     * Epoch ms when the goal was first written (set by `putGoal`), so a goal made today is not
     * "silent since the period start". Goals written before this field existed have none.
     */
    createdAt: z.number().int().nonnegative().optional(),
  })
  .refine((g) => g.periodStart <= g.periodEnd, {
    message: 'a goal period cannot end before it starts',
    path: ['periodEnd'],
  });
export type Goal = z.infer<typeof Goal>;
