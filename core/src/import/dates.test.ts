import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDate } from './dates.ts';
import { runImport } from './run-import.ts';

describe('dates', () => {
  it('reads M/D/YYYY without zero padding (HR Data Set v14)', () => {
    expect(parseDate('7/10/1983', 'M/D/YYYY')).toBe('1983-07-10');
    expect(parseDate('1/17/2019', 'M/D/YYYY')).toBe('2019-01-17');
  });

  it('reads dd/mm/yyyy, also with dots and dashes', () => {
    expect(parseDate('13/04/2020', 'D/M/YYYY')).toBe('2020-04-13');
    expect(parseDate('03.04.2020', 'D/M/YYYY')).toBe('2020-04-03');
    expect(parseDate('3-4-2020', 'D/M/YYYY')).toBe('2020-04-03');
  });

  it('reads ISO days (and XLSX date cells) in any column layout', () => {
    expect(parseDate('2020-4-3', 'M/D/YYYY')).toBe('2020-04-03');
    expect(parseDate('2020-04-03T00:00:00Z', 'D/M/YYYY')).toBe('2020-04-03');
  });

  it('refuses dates that do not exist or are not dates', () => {
    expect(parseDate('2/30/2020', 'M/D/YYYY')).toBeNull();
    expect(parseDate('13/13/2020', 'D/M/YYYY')).toBeNull();
    expect(parseDate('4/3/20', 'M/D/YYYY')).toBeNull();
    expect(parseDate('soon', 'M/D/YYYY')).toBeNull();
    expect(parseDate('3/4/2020', 'YYYY-MM-DD')).toBeNull();
  });

  it('decides a column day-first when any first part exceeds 12', () => {
    expect(detectDateFormat(['3/4/2020', '25/12/2019', ''], 'month-first')).toBe('D/M/YYYY');
  });

  it('decides a column month-first when any second part exceeds 12', () => {
    expect(detectDateFormat(['3/4/2020', '12/25/2019'], 'day-first')).toBe('M/D/YYYY');
  });

  it("follows the profile's stated order when nothing in the column decides", () => {
    expect(detectDateFormat(['3/4/2020', '1/2/2019'], 'day-first')).toBe('D/M/YYYY');
    expect(detectDateFormat(['3/4/2020', '1/2/2019'], 'month-first')).toBe('M/D/YYYY');
    expect(detectDateFormat(['2020-03-04'], 'day-first')).toBe('YYYY-MM-DD');
  });
});

describe('ambiguous date columns are reported', () => {
  it('a column where every date could be either order is read in the profile order, with a warning', async () => {
    const csv = 'id,name,hired\n1,Ann Lee,03/04/2019\n2,Bo Chen,11/12/2020\n';
    const outcome = await runImport(new TextEncoder().encode(csv), {
      profile: {
        name: 'test',
        columns: { id: 'id', name: 'name', hireDate: 'hired' },
      },
      org: 'acme',
    });
    expect(outcome.ok).toBe(true);
    const warning = outcome.report.repaired.find((r) => r.reason === 'date-order-assumed');
    expect(warning?.field).toBe('hired');
    expect(warning?.line).toBe(1);
    expect(warning?.message).toContain('--date-format D/M/YYYY');
    if (outcome.ok) expect(outcome.plan.people[0]?.hiredOn).toBe('2019-03-04');
  });

  it('a column that shows its order by a day above 12 carries no warning', async () => {
    const csv = 'id,name,hired\n1,Ann Lee,03/04/2019\n2,Bo Chen,25/12/2020\n';
    const outcome = await runImport(new TextEncoder().encode(csv), {
      profile: { name: 'test', columns: { id: 'id', name: 'name', hireDate: 'hired' } },
      org: 'acme',
    });
    expect(outcome.report.repaired.some((r) => r.reason === 'date-order-assumed')).toBe(false);
    if (outcome.ok) expect(outcome.plan.people[0]?.hiredOn).toBe('2019-04-03');
  });
});
