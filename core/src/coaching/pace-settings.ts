import { z } from 'zod';
import { PaceCurve } from './pace-curve.ts';
import { WorkingCalendar } from './working-calendar.ts';

/** Organisation settings for measuring pace; every figure has a default. */
export const PaceSettings = z
  .object({
    /** At risk when this many percentage points (or more) behind the expected line. */
    atRiskPoints: z.number().nonnegative().default(5),
    /** Off track when this many points (or more) behind. */
    offTrackPoints: z.number().nonnegative().default(10),
    /** Check-ins dated more than this many days after today are flagged as likely typos. */
    futureToleranceDays: z.number().int().nonnegative().default(1),
    /** How many of the latest check-ins the forecast fits its trend line to. */
    forecastWindow: z.number().int().min(2).default(6),
    /** Working days; null counts every calendar day. */
    calendar: WorkingCalendar.nullable().default(null),
    /** Curves for particular goals (by goal id); goals not listed follow a straight line. */
    curves: z.record(z.string(), PaceCurve).default({}),
  })
  .refine((s) => s.atRiskPoints <= s.offTrackPoints, {
    message: 'the at-risk threshold cannot be above the off-track threshold',
    path: ['atRiskPoints'],
  });
export type PaceSettings = z.infer<typeof PaceSettings>;
