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
