import { z } from 'zod';
import { Direction } from '../model/performance.ts';

/** A header name in the file; matched exactly after trimming, then ignoring case. */
const Column = z.string().min(1);

/** One indicator column: its figure becomes an `IndicatorValue` in the person's record. */
export const IndicatorColumn = z.strictObject({
  column: Column,
  /** Key of the indicator in the record (`absences`); stable across imports. */
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'keys use lower-case letters, digits and "-"'),
  label: z.string().min(1),
  unit: z.string().default(''),
  direction: Direction,
  /** A date column giving the figure's "as of"; absent means the file does not say. */
  asOfColumn: Column.optional(),
});
export type IndicatorColumn = z.infer<typeof IndicatorColumn>;

/** How a prior rating is read: numbers on a scale, or labels mapped onto that scale. */
export const RatingColumn = z
  .strictObject({
    column: Column,
    scaleMin: z.number(),
    scaleMax: z.number(),
    /** Label -> value ("Fully Meets": 3); matched ignoring case. Absent: cells are numbers. */
    labels: z.record(z.string(), z.number()).optional(),
    dateColumn: Column.optional(),
    /** Shown as the rating's cycle label ("Last performance review"). */
    cycleLabel: z.string().min(1),
  })
  .refine((r) => r.scaleMin < r.scaleMax, { message: 'scaleMin must be below scaleMax' });
export type RatingColumn = z.infer<typeof RatingColumn>;

/**
 * A mapping profile: which column means what. Built-in profiles are values of this type, and HR
 * can write one as JSON for any other export, so the planner has no per-source code paths.
 */
export const ImportProfile = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  columns: z.strictObject({
    /** The source system's key; required, because re-imports find people by it. */
    id: Column,
    name: Column.optional(),
    firstName: Column.optional(),
    middleName: Column.optional(),
    lastName: Column.optional(),
    title: Column.optional(),
    department: Column.optional(),
    team: Column.optional(),
    managerName: Column.optional(),
    managerId: Column.optional(),
    region: Column.optional(),
    email: Column.optional(),
    hireDate: Column.optional(),
    leftDate: Column.optional(),
    status: Column.optional(),
  }),
  names: z
    .strictObject({
      /** `last-comma-first` reads "Last, First M" and stores "First M Last". */
      order: z.enum(['first-last', 'last-comma-first']).default('first-last'),
      /** Name for files without names; `{id}` is replaced by the external id. */
      template: z.string().default('Employee {id}'),
    })
    .default({ order: 'first-last', template: 'Employee {id}' }),
  ids: z
    .strictObject({
      personPrefix: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/)
        .default('emp-'),
      /** When the id cell is blank: reject the row, or derive an id from the name. */
      whenMissing: z.enum(['reject', 'from-name']).default('reject'),
    })
    .default({ personPrefix: 'emp-', whenMissing: 'reject' }),
  managers: z
    .strictObject({
      /** Names in the manager column that are not people ("Board of Directors"). */
      notPeople: z.array(z.string()).default([]),
      /** Create a person for a manager name that matches no row (reported as a repair). */
      createMissing: z.boolean().default(true),
    })
    .default({ notPeople: [], createMissing: true }),
  /** Team units: one per (department, manager), one per team column value, or none. */
  teams: z.enum(['per-manager', 'column', 'none']).default('none'),
  /** Status cell values meaning "terminated" / "on leave"; anything else is active. */
  statusValues: z
    .strictObject({
      terminated: z.array(z.string()).default(['terminated', '1', 'true', 'yes']),
      leave: z.array(z.string()).default(['leave', 'on leave']),
    })
    .default({ terminated: ['terminated', '1', 'true', 'yes'], leave: ['leave', 'on leave'] }),
  rating: RatingColumn.optional(),
  indicators: z.array(IndicatorColumn).default([]),
  dates: z
    .strictObject({
      format: z.enum(['auto', 'YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY']).default('auto'),
      /** Reading of a column where no value decides (every part <= 12). */
      ambiguousOrder: z.enum(['month-first', 'day-first']).default('month-first'),
    })
    .default({ format: 'auto', ambiguousOrder: 'month-first' }),
  encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030', 'utf-16le', 'windows-1252']).default('auto'),
  delimiter: z.enum(['auto', ',', ';', '\t']).default('auto'),
  sheet: z.string().optional(),
  /** Name of the company unit at the root of the unit tree; the organisation's name when absent. */
  companyName: z.string().optional(),
});
/** A validated profile, defaults filled in. */
export type ImportProfile = z.infer<typeof ImportProfile>;
/** A profile as written by hand (JSON), before defaults. */
export type ImportProfileInput = z.input<typeof ImportProfile>;
