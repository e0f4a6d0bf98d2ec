import { describe, expect, it } from 'vitest';
import type { ImportProfileInput } from './profile.ts';
import { runImport } from './run-import.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Managers by id, one figure column: the shape of the user test's file. */
const profile: ImportProfileInput = {
  name: 'messages',
  columns: { id: 'id', name: 'name', title: 'title', department: 'dept', managerId: 'manager' },
  teams: 'column',
  indicators: [
    { column: 'sales', key: 'sales', label: 'Sales', unit: 'EUR', direction: 'increase' },
  ],
};

const run = (rows: string[]) =>
  runImport(utf8(['id,name,title,dept,manager,sales', ...rows, ''].join('\n')), {
    profile,
    org: 'acme',
    partial: true,
  });

describe('import: what the report says about a row', () => {
  it('a manager whose row was rejected is named as rejected, with its line', async () => {
    const outcome = await run(['1,Ada Boss,CEO,Ops,,nope', '2,Ben Rep,Rep,Ops,1,10']);
    expect(outcome.report.rejected).toMatchObject([{ line: 2, field: 'sales' }]);
    expect(outcome.report.repaired).toContainEqual(
      expect.objectContaining({
        line: 3,
        reason: 'manager-rejected',
        message: 'line 3: manager id "1" is on line 2, which was rejected; no manager recorded',
      }),
    );
    expect(JSON.stringify(outcome.report)).not.toContain('matches no row');
  });

  it('a figure too large to be one is out of range, not "not a number"', async () => {
    const outcome = await run(['1,Ada Boss,CEO,Ops,,1e308', '2,Ben Rep,Rep,Ops,1,1.5E+03']);
    expect(outcome.report.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        reason: 'out-of-range',
        message: 'line 2: sales "1e308" is out of range (figures are at most 1e15 in size)',
      }),
    ]);
    // Spreadsheet notation within range is a figure.
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.plan.records.find((r) => r.personId === 'emp-2')?.indicators[0]?.value).toBe(
      1500,
    );
    const words = await run(['1,Ada Boss,CEO,Ops,,lots']);
    expect(words.report.rejected[0]).toMatchObject({ reason: 'invalid-number' });
  });

  it('managers in a loop are reported with every line of the loop, and the loop is broken', async () => {
    const outcome = await run([
      '1,Ada Boss,CEO,Ops,,',
      '3,Cy Three,Lead,Ops,4,',
      '4,Di Four,Lead,Ops,3,',
      '5,Ed Five,Rep,Ops,4,',
    ]);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.repaired).toEqual([
      {
        line: 3,
        field: 'manager',
        reason: 'manager-cycle',
        message:
          'line 3: the managers form a loop, each row managed by the next: line 3 (id "3") -> ' +
          'line 4 (id "4") -> line 3 (id "3"); no manager recorded for this row',
      },
    ]);
    const managerOf = new Map(outcome.plan.people.map((p) => [p.externalId, p.managerId]));
    expect(managerOf.get('3')).toBeNull();
    expect(managerOf.get('4')).toBe('emp-3');
    expect(managerOf.get('5')).toBe('emp-4');
    // A longer loop, found from a row outside it.
    const three = await run(['7,A,x,Ops,9,', '8,B,x,Ops,7,', '9,C,x,Ops,8,', '10,D,x,Ops,9,']);
    expect(three.report.repaired.map((r) => r.message)).toEqual([
      'line 2: the managers form a loop, each row managed by the next: line 2 (id "7") -> ' +
        'line 4 (id "9") -> line 3 (id "8") -> line 2 (id "7"); no manager recorded for this row',
    ]);
  });
});
