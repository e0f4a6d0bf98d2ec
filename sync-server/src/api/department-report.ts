import { departmentAggregates, type DepartmentAggregate } from '@firstline/core/analytics/index';
import { docName } from '@firstline/core/docs/names';
import { readRecord, type PersonRecord } from '@firstline/core/docs/record';
import type { DocRegistry } from '../documents/doc-registry.ts';
import { currentDirectory } from '../http/authorize.ts';

/** The HR dashboard's department table for one organisation. */
export interface DepartmentReport {
  org: string;
  departments: DepartmentAggregate[];
  /** Entries skipped because they failed their schema (directory and records), for HR to fix. */
  invalidEntries: number;
}

/**
 * Gathers the directory and every active person's record and hands them to core's pure
 * `departmentAggregates`. Records are read as snapshots (live state when loaded, stored state
 * otherwise), so answering does not load hundreds of live documents.
 */
export async function departmentReport(
  registry: DocRegistry,
  org: string,
): Promise<DepartmentReport> {
  const directory = await currentDirectory(registry, org);
  const records = new Map<string, PersonRecord>();
  let invalidEntries = directory.invalid.length;
  for (const person of directory.people.values()) {
    if (person.status !== 'active') continue;
    const doc = await registry.snapshot(docName({ kind: 'person-record', org, person: person.id }));
    const record = readRecord(doc);
    doc.destroy();
    invalidEntries += record.invalid.length;
    if (record.ratings.size > 0) records.set(person.id, record);
  }
  return {
    org,
    departments: departmentAggregates(directory, records, new Date().toISOString().slice(0, 10)),
    invalidEntries,
  };
}
