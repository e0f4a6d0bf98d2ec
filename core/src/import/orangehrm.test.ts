import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '@firstline/fixtures';
import { runImport } from './run-import.ts';

const file = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(sharedDataPath('orangehrm-import', name)));

describe('import: OrangeHRM test files (expectations from OrangeHRM own tests)', () => {
  it('testImportWithDuplicateEmployeeId: 6 imported, 1 rejected at line 3', async () => {
    const outcome = await runImport(file('testImportWithDuplicateEmployeeId.csv'), {
      profile: 'orangehrm',
      org: 'acme',
      partial: true,
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.report.counts).toMatchObject({ imported: 6, rejectedRows: 1, rows: 7 });
    expect(outcome.report.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'employee_id', reason: 'duplicate-id' }),
    ]);
    // The first "0002" (Abbey Kyla) stays; leading zeros are kept.
    if (outcome.ok) {
      expect(outcome.plan.people[0]).toMatchObject({
        id: 'emp-0002',
        externalId: '0002',
        name: 'Abbey Kyla',
      });
      expect(outcome.plan.people.some((p) => p.name === 'John Smith')).toBe(false);
    }
  });

  it('testImportWithoutFirstNameAndLastName: 5 imported, 2 rejected at lines 7 and 8', async () => {
    const outcome = await runImport(file('testImportWithoutFirstNameAndLastName.csv'), {
      profile: 'orangehrm',
      org: 'acme',
      partial: true,
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.report.counts).toMatchObject({ imported: 5, rejectedRows: 2 });
    expect(outcome.report.rejected.map((r) => [r.line, r.field, r.reason])).toEqual([
      [7, 'first_name', 'missing-name'],
      [8, 'last_name', 'missing-name'],
    ]);
    // Mixed-case e-mail addresses are stored lower-case.
    if (outcome.ok) {
      expect(outcome.plan.people.find((p) => p.id === 'emp-3')?.email).toBe('kevin@example.org');
    }
  });

  it('without partial, one rejected row stops the whole import with the full report', async () => {
    const outcome = await runImport(file('testImportWithDuplicateEmployeeId.csv'), {
      profile: 'orangehrm',
      org: 'acme',
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.reason).toBe('validation-failed');
      expect(outcome.report.rejected.map((r) => r.line)).toEqual([3]);
      expect(outcome.report.counts.imported).toBe(6);
    }
  });

  it('testImport.csv: the split record is rejected on both lines, the good row imports', async () => {
    const outcome = await runImport(file('testImport.csv'), {
      profile: 'orangehrm',
      org: 'acme',
      partial: true,
    });
    expect(outcome.report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'cell-count'],
      [3, 'cell-count'],
    ]);
    expect(outcome.ok && outcome.plan.people.map((p) => p.name)).toEqual(['Krishan Madhushanka']);
    // Krishan has no employee id: OrangeHRM allows that, so the id comes from the name.
    expect(outcome.report.repaired).toEqual([
      expect.objectContaining({ line: 4, field: 'employee_id', reason: 'id-derived' }),
    ]);
  });
});
