import type * as Y from 'yjs';
import { z } from 'zod';
import { ScorecardSnapshot } from '../cycles/snapshot.ts';
import { FeedbackReport } from '../feedback/feedback-report.ts';
import { Id } from '../model/ids.ts';
import { RaterGroup } from '../scoring/raters.ts';
import type { InvalidEntry } from './directory.ts';

/**
 * Yjs shapes of the three cycle documents (INTERNALS "Reviews"):
 * - `org/{org}/cycle/{c}/scorecard/{p}`: the snapshot, actual figures, submission, calibration
 *   audit trail, the report draft and the report as sent. Chain and HR write; p reads once released.
 * - `org/{org}/cycle/{c}/review/{p}/{rater}`: one rater's review; only that rater writes it.
 * - `org/{org}/cycle/{c}/feedback/{p}`: the employee's thread and acknowledgement.
 * Writers live in review-docs-write.ts; this file holds the schemas and the readers.
 */
export const REVIEW_DOC_TYPES = {
  scorecard: { meta: 'meta', actuals: 'actuals', audit: 'audit' },
  review: { review: 'review' },
  feedback: { meta: 'meta', thread: 'thread' },
} as const;

/** A point in time as ISO 8601 text; callers pass the clock in (core has none). */
export const Timestamp = z.string().min(10).max(40);

/** Who did something and when. */
export const Stamp = z.object({ by: Id, at: Timestamp });
export type Stamp = z.infer<typeof Stamp>;

/** One actual figure on a scorecard: typed by the manager or taken from the record (C2.4). */
export const ActualEntry = z.object({
  value: z.number().nullable(),
  by: Id,
  at: Timestamp,
  source: z.enum(['manager', 'record']).default('manager'),
});
export type ActualEntry = z.infer<typeof ActualEntry>;

/** One change of a scorecard after it was submitted (C4.2): who, when, why, from, to. */
export const AuditEntry = z.object({
  by: Id,
  at: Timestamp,
  /** `actual:{key}` for a figure, `final` for a calibrated final score. */
  field: z.string().min(1),
  from: z.number().nullable(),
  to: z.number().nullable(),
  why: z.string().min(1).max(2000),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A calibrated final score that replaces the computed one (C4.1). */
export const CalibratedScore = z.object({
  score: z.number(),
  by: Id,
  at: Timestamp,
  why: z.string().min(1),
});
export type CalibratedScore = z.infer<typeof CalibratedScore>;

/** A validated view of a scorecard document. */
export interface ScorecardView {
  snapshot: ScorecardSnapshot | null;
  actuals: Map<string, ActualEntry>;
  submitted: Stamp | null;
  released: Stamp | null;
  calibrated: CalibratedScore | null;
  /** The computed final score when the card was submitted (C4.2), for calibration lists. */
  computedScore: number | null;
  /** The manager's view of the person's potential on the card's scale, for the 9-box (C4.3). */
  potential: number | null;
  draftReport: FeedbackReport | null;
  sentReport: FeedbackReport | null;
  audit: AuditEntry[];
  invalid: InvalidEntry[];
}

function readValue<S extends z.ZodType>(
  map: Y.Map<unknown>,
  key: string,
  schema: S,
  invalid: InvalidEntry[],
  mapName: string,
): z.infer<S> | null {
  const raw = map.get(key);
  if (raw === undefined || raw === null) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  invalid.push({ map: mapName, key, message: parsed.error.issues[0]?.message ?? 'invalid' });
  return null;
}

/** Reads a scorecard document; entries that fail their schema are skipped and listed. */
export function readScorecard(doc: Y.Doc): ScorecardView {
  const names = REVIEW_DOC_TYPES.scorecard;
  const invalid: InvalidEntry[] = [];
  const meta = doc.getMap<unknown>(names.meta);
  const actuals = new Map<string, ActualEntry>();
  doc.getMap<unknown>(names.actuals).forEach((raw, key) => {
    const parsed = ActualEntry.safeParse(raw);
    if (parsed.success) actuals.set(key, parsed.data);
    else invalid.push({ map: names.actuals, key, message: parsed.error.issues[0]?.message ?? '' });
  });
  const audit: AuditEntry[] = [];
  doc
    .getArray<unknown>(names.audit)
    .toArray()
    .forEach((raw, i) => {
      const parsed = AuditEntry.safeParse(raw);
      if (parsed.success) audit.push(parsed.data);
      else invalid.push({ map: names.audit, key: String(i), message: parsed.error.message });
    });
  return {
    snapshot: readValue(meta, 'snapshot', ScorecardSnapshot, invalid, names.meta),
    actuals,
    submitted: readValue(meta, 'submitted', Stamp, invalid, names.meta),
    released: readValue(meta, 'released', Stamp, invalid, names.meta),
    calibrated: readValue(meta, 'calibrated', CalibratedScore, invalid, names.meta),
    potential: readValue(meta, 'potential', z.number(), invalid, names.meta),
    computedScore: readValue(meta, 'computedScore', z.number(), invalid, names.meta),
    draftReport: readValue(meta, 'draftReport', FeedbackReport, invalid, names.meta),
    sentReport: readValue(meta, 'sentReport', FeedbackReport, invalid, names.meta),
    audit,
    invalid,
  };
}

/**
 * Whether the scorecard has been released to the person (C5.1). The server reads this to decide
 * whether p may open their scorecard and feedback documents; it looks at the raw entry so an
 * unrelated invalid entry elsewhere cannot hide a release.
 */
export function isScorecardReleased(doc: Y.Doc): boolean {
  return Stamp.safeParse(doc.getMap<unknown>(REVIEW_DOC_TYPES.scorecard.meta).get('released'))
    .success;
}

/** One rater's review of one person (C3.4). */
export const ReviewContent = z.object({
  group: RaterGroup,
  rating: z.number().nullable(),
  strengths: z.string().max(4000),
  improvements: z.string().max(4000),
});
export type ReviewContent = z.infer<typeof ReviewContent>;

/** A validated view of a review document: the content, and when it was submitted. */
export interface ReviewView {
  content: ReviewContent | null;
  submitted: { at: string } | null;
  invalid: InvalidEntry[];
}

const SubmittedAt = z.object({ at: Timestamp });

/** Reads a review document. */
export function readReview(doc: Y.Doc): ReviewView {
  const name = REVIEW_DOC_TYPES.review.review;
  const map = doc.getMap<unknown>(name);
  const invalid: InvalidEntry[] = [];
  const raw = {
    group: map.get('group'),
    rating: map.get('rating') ?? null,
    strengths: map.get('strengths') ?? '',
    improvements: map.get('improvements') ?? '',
  };
  const parsed = raw.group === undefined ? null : ReviewContent.safeParse(raw);
  if (parsed && !parsed.success) {
    invalid.push({ map: name, key: 'content', message: parsed.error.issues[0]?.message ?? '' });
  }
  return {
    content: parsed?.success ? parsed.data : null,
    submitted: readValue(map, 'submitted', SubmittedAt, invalid, name),
    invalid,
  };
}

/** Whether the rater has submitted the review (C3.5); the server reads this for permissions. */
export function isReviewSubmitted(doc: Y.Doc): boolean {
  return SubmittedAt.safeParse(doc.getMap<unknown>(REVIEW_DOC_TYPES.review.review).get('submitted'))
    .success;
}

/** One message of the feedback thread (C5.2). */
export const ThreadMessage = z.object({
  id: z.string().min(1).max(120),
  authorId: Id,
  at: Timestamp,
  text: z.string().min(1).max(4000),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

/** A validated view of a feedback document. */
export interface FeedbackView {
  thread: ThreadMessage[];
  acknowledged: Stamp | null;
  invalid: InvalidEntry[];
}

/** Reads a feedback document; the thread in time order (ties by id, so every reader agrees). */
export function readFeedback(doc: Y.Doc): FeedbackView {
  const names = REVIEW_DOC_TYPES.feedback;
  const invalid: InvalidEntry[] = [];
  const thread: ThreadMessage[] = [];
  doc
    .getArray<unknown>(names.thread)
    .toArray()
    .forEach((raw, i) => {
      const parsed = ThreadMessage.safeParse(raw);
      if (parsed.success) thread.push(parsed.data);
      else invalid.push({ map: names.thread, key: String(i), message: parsed.error.message });
    });
  thread.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  return {
    thread,
    acknowledged: readValue(
      doc.getMap<unknown>(names.meta),
      'acknowledged',
      Stamp,
      invalid,
      names.meta,
    ),
    invalid,
  };
}
