/**
 * The parts of @firstline/core the extension uses, imported file by file. The package root also
 * re-exports the import code (exceljs, papaparse), which a bundler cannot drop because of its
 * side effects: going through the root made the side panel a megabyte bigger. Everything in the
 * extension imports core through this file (core-browser.test.ts checks it).
 */
export { Role } from '@firstline/core/model/org';
export type { Person } from '@firstline/core/model/org';
export { IndicatorValue } from '@firstline/core/model/performance';
export type { PriorRating } from '@firstline/core/model/performance';
export type { IsoDate } from '@firstline/core/model/ids';
export { fail, ok, type Result } from '@firstline/core/model/result';
export { docName } from '@firstline/core/docs/names';
export { directReports, readDirectory, type Directory } from '@firstline/core/docs/directory';
export { RECORD_MAPS, RecordNote, latestRating, readRecord } from '@firstline/core/docs/record';
export type { PersonRecord } from '@firstline/core/docs/record';
export type { DepartmentAggregate } from '@firstline/core/analytics/department-aggregates';
// Goals (issue 3): goal documents, tree assembly and the goal maths.
export { Goal } from '@firstline/core/model/performance';
export type { Metric } from '@firstline/core/model/performance';
export type { Unit } from '@firstline/core/model/org';
export { parseDocName } from '@firstline/core/docs/names';
export {
  makeGoalId,
  moveGoal,
  orgOfGoalId,
  putGoal,
  readGoalDoc,
  removeGoal,
  setGoalDeleted,
  setGoalProgress,
  updateGoal,
  type GoalDocTarget,
  type GoalPatch,
  type StoredGoal,
} from '@firstline/core/docs/goal-docs';
export {
  assembleGoalForest,
  wouldCreateCycle,
  type ForestIssue,
  type GoalForest,
} from '@firstline/core/docs/goal-docs-forest';
export { goalDocTarget, placeGoal } from '@firstline/core/docs/goal-docs-placement';
export { rollUp, type RollUpEntry } from '@firstline/core/goals/roll-up';
export {
  checkAlignment,
  type AlignmentReport,
  type OrphanFinding,
  type PeriodFinding,
} from '@firstline/core/goals/alignment';
export { validateGoal, type GoalIssue } from '@firstline/core/goals/validate-goal';
export { checkSmart, type SmartFinding } from '@firstline/core/goals/smart-check';
export { splitByShares, type SplitResult } from '@firstline/core/goals/split-total';
export { splitGrowth, type GrowthMethod } from '@firstline/core/goals/split-growth';
export { ratePerCrewDay } from '@firstline/core/goals/crew-rate';
export { MONDAY_TO_FRIDAY } from '@firstline/core/goals/working-calendar';
export type { WorkingStep } from '@firstline/core/goals/working-step';
export { decideAccess, type Access } from '@firstline/core/access/permissions';
// Reviews (issue 5): cycles, cycle documents, scoring and feedback reports.
export { scoreCard, type ScoreBreakdown } from '@firstline/core/scoring/score-card';
export { SCALE_PRESETS, toScoreValue, type ScoreValue } from '@firstline/core/scoring/scale';
export { Rational } from '@firstline/core/scoring/rational';
export type { RaterReview } from '@firstline/core/scoring/raters';
export { distributeScores, type Distribution } from '@firstline/core/scoring/calibration';
export { placeNineBox, NINE_BOX_LABELS } from '@firstline/core/scoring/nine-box';
export { readCycles, saveCycle, moveCyclePhase } from '@firstline/core/cycles/cycle-directory';
export {
  CYCLE_PHASES,
  cycleScale,
  type CycleSettings,
} from '@firstline/core/cycles/cycle-settings';
export type { CycleSettingsJson } from '@firstline/core/cycles/cycle-settings';
export { cyclePopulation } from '@firstline/core/cycles/population';
export {
  expectedReviewsFor,
  reviewsToWrite,
  type ExpectedReview,
} from '@firstline/core/cycles/expected-raters';
export { planScorecards, type ScorecardSnapshot } from '@firstline/core/cycles/snapshot';
export { cardInput } from '@firstline/core/cycles/card-input';
export {
  readScorecard,
  readReview,
  readFeedback,
  type ScorecardView,
  type ReviewView,
  type FeedbackView,
} from '@firstline/core/docs/review-docs';
export {
  acknowledgeFeedback,
  addThreadMessage,
  calibrateScore,
  initScorecard,
  releaseReport,
  saveDraftReport,
  saveReviewDraft,
  setActual,
  setPotential,
  submitReview,
  submitScorecard,
} from '@firstline/core/docs/review-docs-write';
export { buildFeedbackReport, type ReportInput } from '@firstline/core/feedback/build-report';
export type { FeedbackReport, ReportEvidence } from '@firstline/core/feedback/feedback-report';
export { unitAverages } from '@firstline/core/feedback/unit-averages';
export { recordFigures } from '@firstline/core/feedback/unit-figures';
// Coaching (issue 4): check-ins, pace, reminders, coaching log, 1:1 agenda.
export { CheckIn } from '@firstline/core/coaching/check-in';
export type { CoachingEntry } from '@firstline/core/coaching/coaching-entry';
export type { AgendaItem, Meeting } from '@firstline/core/coaching/agenda-item';
export {
  checkInColumnsFrom,
  indexCheckInColumns,
  type CheckInColumns,
} from '@firstline/core/coaching/check-in-columns';
export { evaluateReminders } from '@firstline/core/coaching/evaluate-reminders';
export {
  ReminderSettings,
  type Reminder,
  type ReminderState,
} from '@firstline/core/coaching/reminder';
export { PaceSettings } from '@firstline/core/coaching/pace-settings';
export {
  buildTeamDashboard,
  type DashboardPerson,
  type DashboardGoal,
} from '@firstline/core/coaching/team-dashboard';
export type { PaceStatus } from '@firstline/core/coaching/pace';
export { createZonedDayOf } from '@firstline/core/coaching/zoned-day';
export { formatEpochDay, mondayOnOrBefore } from '@firstline/core/coaching/day-math';
export {
  orphanedCheckIns,
  readCheckIns,
  recordCheckIn,
  type CheckInContext,
  type OrphanedCheckIn,
} from '@firstline/core/docs/coaching-docs-check-ins';
export {
  addAgendaItem,
  entriesForGoal,
  putCoachingEntry,
  readCoachingLog,
  type CoachingEntryContext,
  readOneOnOne,
  setAgendaItemDone,
  startMeeting,
} from '@firstline/core/docs/coaching-docs-log';
export {
  markNotified,
  markReminderDone,
  markReminderHandled,
  readNotifiedKeys,
  readReminderState,
  snoozeReminder,
} from '@firstline/core/docs/coaching-docs-prefs';
