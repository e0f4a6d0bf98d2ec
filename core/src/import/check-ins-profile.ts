import { z } from 'zod';
import { Direction } from '../model/performance.ts';

/**
 * How a file of actuals is read: who each row is about (a person or a team), which metric, which
 * date, which value and (optionally) which target. Actuals arrive in two shapes: long (one row per
 * subject, metric and date, like a factory's daily log) and wide (one row per subject, one column
 * per date, like a sales sheet with a month in each column), which is unpivoted here.
 */

const Column = z.string().min(1);

/** Who a row is about, built from one or more cells ("team" + "department" for a factory line). */
export const SubjectSpec = z.strictObject({
  kind: z.enum(['person', 'team']),
  /** Cells whose values, joined, identify the subject. */
  columns: z.array(Column).min(1),
  /** Prefix of the derived id: `emp-` for people, `team-` for teams. */
  idPrefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
  /** Display name; `{column}` is replaced by the cell. Absent: the cells joined with spaces. */
  nameTemplate: z.string().optional(),
  /** Cell value corrections per column (`{ department: { sweing: 'sewing' } }`), reported. */
  aliases: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type SubjectSpec = z.infer<typeof SubjectSpec>;

/** The metric of a file: one fixed metric, or read from a column. */
export const MetricSpec = z.strictObject({
  /** The metric's name when the file holds one metric; ignored when `column` is set. */
  name: z.string().min(1).default('value'),
  column: Column.optional(),
  unit: z.string().default(''),
  direction: Direction.default('increase'),
});
export type MetricSpec = z.infer<typeof MetricSpec>;

/** A check-in import profile (built in, or written by HR as JSON). */
export const CheckInImportProfile = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    subject: SubjectSpec,
    metric: MetricSpec.default({ name: 'value', unit: '', direction: 'increase' }),
    layout: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('long'),
        date: Column,
        value: Column,
        target: Column.optional(),
      }),
      z.strictObject({
        kind: z.literal('wide'),
        /** Every other column is a date; its cells are the values. */
        sheet: z.string().optional(),
        /** A sheet of the same layout holding the targets. */
        targetSheet: z.string().optional(),
      }),
    ]),
    /** How rows of the same subject, metric and date are combined. */
    combine: z.enum(['sum', 'mean', 'last']).default('sum'),
    /**
     * Values are amounts per date (a day's output, a month's sales): check-ins then carry the
     * running total, the goal's target is the sum of the targets, and its expected line follows
     * the planned running total. False: values are levels (a rate, a headcount) as they are.
     */
    accumulate: z.boolean().default(false),
    dates: z
      .strictObject({
        format: z.enum(['auto', 'YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY']).default('auto'),
        ambiguousOrder: z.enum(['month-first', 'day-first']).default('month-first'),
      })
      .default({ format: 'auto', ambiguousOrder: 'month-first' }),
    encoding: z
      .enum(['auto', 'utf-8', 'gbk', 'gb18030', 'utf-16le', 'windows-1252'])
      .default('auto'),
    delimiter: z.enum(['auto', ',', ';', '\t']).default('auto'),
  })
  .refine((p) => !(p.accumulate && p.combine === 'mean'), {
    message: 'amounts that accumulate are combined by sum or last, not mean',
    path: ['combine'],
  });
export type CheckInImportProfile = z.infer<typeof CheckInImportProfile>;
/** A profile as written by hand (JSON), before defaults. */
export type CheckInImportProfileInput = z.input<typeof CheckInImportProfile>;

/**
 * Garment factory log (UCI #597, `garment-productivity`): one row per team, department and day;
 * actual and targeted productivity are amounts per day, so a team's quarter goal is the sum of
 * its daily targets and its check-ins the running sum of its actuals. The source's "sweing"
 * typo is corrected (and reported); "finishing " loses its trailing space when the file is read.
 */
export const garmentProductivityProfile: CheckInImportProfile = CheckInImportProfile.parse({
  name: 'garment-productivity',
  description: 'Daily targeted vs actual productivity per team and department',
  subject: {
    kind: 'team',
    columns: ['team', 'department'],
    idPrefix: 'team-',
    nameTemplate: 'Team {team} {department}',
    aliases: { department: { sweing: 'sewing' } },
  },
  metric: { name: 'productivity', unit: 'productivity-days', direction: 'increase' },
  layout: {
    kind: 'long',
    date: 'date',
    value: 'actual_productivity',
    target: 'targeted_productivity',
  },
  combine: 'sum',
  accumulate: true,
  dates: { format: 'M/D/YYYY' },
});

/**
 * Sales actual vs target (`sales-actual-vs-target`): a wide workbook, one row per salesperson and
 * one date-typed column per month, actuals in the "Actual" sheet and targets in "Targets".
 */
export const salesActualVsTargetProfile: CheckInImportProfile = CheckInImportProfile.parse({
  name: 'sales-actual-vs-target',
  description: 'Monthly sales per salesperson, actual and target sheets (wide)',
  subject: { kind: 'person', columns: ['Sales Person'], idPrefix: 'emp-' },
  metric: { name: 'sales', unit: '$', direction: 'increase' },
  layout: { kind: 'wide', sheet: 'Actual', targetSheet: 'Targets' },
  combine: 'sum',
  accumulate: true,
});

/** Check-in profiles shipped with Firstline, by name. */
export const BUILTIN_CHECK_IN_PROFILES: ReadonlyMap<string, CheckInImportProfile> = new Map([
  [garmentProductivityProfile.name, garmentProductivityProfile],
  [salesActualVsTargetProfile.name, salesActualVsTargetProfile],
]);
