import type { Organisation, Person, Region, Unit } from '../model/org.ts';
import type { IndicatorValue, PriorRating } from '../model/performance.ts';
import type { RowIssue, TableFailure, TableSource } from './table.ts';

/** The figures HR checks first after an import (or a dry run). */
export interface ImportCounts {
  /** Data records read from the file, rejected ones included. */
  rows: number;
  /** Rows that became people. */
  imported: number;
  /** Distinct lines with at least one rejection. */
  rejectedRows: number;
  /** People in the plan: imported rows plus managers created from names. */
  people: number;
  units: number;
  departments: number;
  teams: number;
  regions: number;
  /** People who manage at least one other person. */
  managers: number;
  managersCreated: number;
  priorRatings: number;
  indicators: number;
}

/** What an import did or would do, line by line; always present, success or not. */
export interface ImportReport {
  profile: string;
  source: TableSource | null;
  counts: ImportCounts;
  rejected: RowIssue[];
  repaired: RowIssue[];
}

/** The record-document content planned for one person. */
export interface PersonRecordPlan {
  personId: string;
  ratings: PriorRating[];
  indicators: IndicatorValue[];
}

/**
 * Everything an import would write, as validated plain values. Applying it is a separate step
 * (`applyImportPlan`) so a dry run can show the plan and the report without touching a document.
 */
export interface ImportPlan {
  org: Organisation;
  units: Unit[];
  regions: Region[];
  people: Person[];
  records: PersonRecordPlan[];
}

/** Why an import as a whole cannot go ahead. */
export type ImportFailure =
  | TableFailure
  | 'unknown-profile'
  | 'invalid-profile'
  | 'invalid-org'
  | 'missing-column'
  | 'validation-failed';

/**
 * The answer of `planImport`/`runImport`. A failure still carries the report, so HR sees every
 * rejected line at once instead of fixing the file one error at a time.
 */
export type ImportOutcome =
  | { ok: true; dryRun: boolean; plan: ImportPlan; report: ImportReport }
  | { ok: false; reason: ImportFailure; message: string; report: ImportReport };

/** Counts of an import that read nothing, for failures before planning. */
export function emptyCounts(): ImportCounts {
  return {
    rows: 0,
    imported: 0,
    rejectedRows: 0,
    people: 0,
    units: 0,
    departments: 0,
    teams: 0,
    regions: 0,
    managers: 0,
    managersCreated: 0,
    priorRatings: 0,
    indicators: 0,
  };
}
