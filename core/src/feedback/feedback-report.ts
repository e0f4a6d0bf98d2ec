import { z } from 'zod';
import { Id, IsoDate } from '../model/ids.ts';
import { SuggestionKind } from './suggestion-catalogue.ts';
import { ReportLanguage } from './report-language.ts';

/** One strength or gap line of a report, as stated to the employee (F1.4). */
export const ReportComparison = z.object({
  key: z.string(),
  label: z.string(),
  verdict: z.enum(['strength', 'gap', 'in-line', 'no-comparison']),
  actual: z.number(),
  average: z.string().nullable(),
  percent: z.string().nullable(),
  text: z.string(),
});
export type ReportComparison = z.infer<typeof ReportComparison>;

/** One suggested action (F2). */
export const ReportSuggestion = z.object({
  id: z.string(),
  kind: SuggestionKind,
  indicatorKey: z.string(),
  text: z.string(),
});
export type ReportSuggestion = z.infer<typeof ReportSuggestion>;

/** One piece of evidence from the coaching log or the record's notes (F3). */
export const ReportEvidence = z.object({
  date: IsoDate,
  source: z.enum(['coaching', 'note']),
  text: z.string(),
});
export type ReportEvidence = z.infer<typeof ReportEvidence>;

/**
 * A feedback report (F5): the structured findings and the text the manager edits and sends. The
 * structure stays as generated so HR can see what the data said; `body` is what the employee reads.
 */
export const FeedbackReport = z.object({
  cycleId: Id,
  personId: Id,
  language: ReportLanguage,
  generatedOn: IsoDate,
  title: z.string(),
  score: z
    .object({ display: z.string(), label: z.string().nullable(), band: z.string().nullable() })
    .nullable(),
  unitName: z.string(),
  strengths: z.array(ReportComparison),
  gaps: z.array(ReportComparison),
  suggestions: z.array(ReportSuggestion),
  evidence: z.array(ReportEvidence),
  body: z.string().max(20000),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;
