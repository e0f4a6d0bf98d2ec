import { describe, expect, it } from 'vitest';
import type { ImportProfileInput } from './profile.ts';
import { runImport } from './run-import.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A profile as HR would write it in JSON for a semicolon-separated, day-first export. */
const profile: ImportProfileInput = {
  name: 'acme-hris',
  columns: {
    id: 'Staff No',
    name: 'Name',
    title: 'Job',
    department: 'Dept',
    team: 'Team',
    managerId: 'Manager No',
    region: 'Site',
    email: 'Mail',
    hireDate: 'Start',
  },
  teams: 'column',
  rating: {
    column: 'Rating',
    scaleMin: 1,
    scaleMax: 5,
    labels: { Low: 1, Solid: 3, Top: 5 },
    cycleLabel: '2024 review',
  },
  indicators: [
    {
      column: 'Sales %',
      key: 'sales-vs-target',
      label: 'Sales vs target',
      unit: '%',
      direction: 'increase',
    },
  ],
  dates: { ambiguousOrder: 'day-first' },
};

const csv = [
  'Staff No;Name;Job;Dept;Team;Manager No;Site;Mail;Start;Rating;Sales %',
  'A1;Ada Lovelace;Head of Sales;Sales;;;Lyon;ADA@acme.example;01/02/2019;Top;110,5',
  'A2;Ben Ortiz;Rep;Sales;North;A1;Lyon;ben@acme.example;03/04/2020;solid;95',
  'A3;Chloé Martin;Rep;Sales;North;A1;Paris;;05/06/2021;;',
  '',
].join('\r\n');

describe('import: generic JSON profile', () => {
  it('maps the columns a JSON profile names: ids, managers by id, teams, regions, dates, ratings', async () => {
    const outcome = await runImport(utf8(csv), { profile, org: 'acme' });
    if (!outcome.ok) throw new Error(outcome.message);
    const { plan, report } = outcome;
    expect(report.source?.delimiter).toBe(';');
    const [ada, ben, chloe] = plan.people;
    expect(ada).toMatchObject({
      id: 'emp-A1',
      managerId: null,
      email: 'ada@acme.example',
      hiredOn: '2019-02-01',
    });
    expect(ben).toMatchObject({
      managerId: 'emp-A1',
      unitId: 'team-sales-north',
      regionId: 'reg-lyon',
    });
    // Every part is <= 12, so the profile's day-first order decides: 05/06/2021 is 5 June.
    expect(chloe).toMatchObject({
      name: 'Chloé Martin',
      hiredOn: '2021-06-05',
      regionId: 'reg-paris',
    });
    expect(plan.units.find((u) => u.id === 'team-sales-north')).toMatchObject({
      kind: 'team',
      parentId: 'dept-sales',
    });
    const ratings = plan.records.flatMap((r) =>
      r.ratings.map((x) => [r.personId, x.value, x.label]),
    );
    expect(ratings).toEqual([
      ['emp-A1', 5, 'Top'],
      ['emp-A2', 3, 'Solid'],
    ]);
    const sales = plan.records.find((r) => r.personId === 'emp-A1')?.indicators[0];
    expect(sales).toMatchObject({ key: 'sales-vs-target', value: 110.5, unit: '%' });
    expect(report.counts).toMatchObject({
      imported: 3,
      managers: 1,
      teams: 1,
      regions: 2,
      priorRatings: 2,
    });
  });

  it('lets the caller override the date order for one file', async () => {
    const outcome = await runImport(utf8(csv), { profile, org: 'acme', dateFormat: 'M/D/YYYY' });
    expect(outcome.ok && outcome.plan.people[2]?.hiredOn).toBe('2021-05-06');
  });

  it('rejects unknown labels, bad dates and bad numbers with their line and column', async () => {
    const bad = csv
      .replace('solid', 'great')
      .replace('05/06/2021', '31/02/2021')
      .replace(';;\r\n', ';;abc\r\n');
    const outcome = await runImport(utf8(bad), { profile, org: 'acme' });
    expect(outcome.ok).toBe(false);
    expect(outcome.report.rejected.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'Rating', 'invalid-rating'],
      [4, 'Start', 'invalid-date'],
      [4, 'Sales %', 'invalid-number'],
    ]);
  });

  it('partial import keeps the good rows; a rejected manager row leaves the link empty, reported', async () => {
    const bad = csv.replace('Top;110,5', 'Nope;110,5');
    const outcome = await runImport(utf8(bad), {
      profile,
      org: 'acme',
      partial: true,
      dryRun: true,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.dryRun).toBe(true);
    expect(outcome.report.counts).toMatchObject({ imported: 2, rejectedRows: 1 });
    expect(outcome.plan.people.every((p) => p.managerId === null)).toBe(true);
    const rejectedManager = outcome.report.repaired.filter((r) => r.reason === 'manager-rejected');
    expect(rejectedManager.map((r) => r.line)).toEqual([3, 4]);
    expect(rejectedManager[0]?.message).toContain(
      'manager id "A1" is on line 2, which was rejected',
    );
  });

  it('names every problem of an invalid JSON profile', async () => {
    const outcome = await runImport(utf8(csv), {
      profile: {
        name: 'x',
        columns: { name: 'Name' },
        teams: 'by-magic',
        extra: 1,
      } as unknown as ImportProfileInput,
      org: 'acme',
    });
    expect(outcome.ok ? 'ok' : outcome.reason).toBe('invalid-profile');
    if (!outcome.ok) expect(outcome.message).toMatch(/columns\.id.*teams|teams.*columns\.id/);
  });

  it('refuses an unknown built-in name and a file missing the columns the profile needs', async () => {
    const unknown = await runImport(utf8(csv), { profile: 'generic', org: 'acme' });
    expect(unknown.ok ? 'ok' : unknown.reason).toBe('unknown-profile');
    const missing = await runImport(utf8('Staff No;Name\r\nA1;Ada\r\n'), { profile, org: 'acme' });
    expect(missing.ok ? 'ok' : missing.reason).toBe('missing-column');
    if (!missing.ok) expect(missing.message).toContain('"Job"');
  });

  it('reports table errors (empty file, binary) through the same outcome', async () => {
    const empty = await runImport(new Uint8Array(), { profile, org: 'acme' });
    expect(empty.ok ? 'ok' : empty.reason).toBe('empty-file');
    const binary = await runImport(new Uint8Array([0, 1, 2, 3, 0, 0]), { profile, org: 'acme' });
    expect(binary.ok ? 'ok' : binary.reason).toBe('binary-file');
  });
});

describe('import: Chinese names through a generic profile', () => {
  // GBK bytes for "工号,姓名,部门 / 1,张三,销售部 / 2,李四,销售部", checked against Node's decoder.
  const gbkFile = new Uint8Array([
    0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb2, 0xbf, 0xc3, 0xc5, 0x0d, 0x0a,
    0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xb2, 0xbf, 0x0d, 0x0a, 0x32,
    0x2c, 0xc0, 0xee, 0xcb, 0xc4, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xb2, 0xbf, 0x0d, 0x0a,
  ]);
  const cn: ImportProfileInput = {
    name: 'cn',
    columns: { id: '工号', name: '姓名', department: '部门' },
  };

  it('imports a GBK export and a UTF-8 one to the same plan, with ASCII-safe unit ids', async () => {
    const fromGbk = await runImport(gbkFile, { profile: cn, org: 'cn-co' });
    const fromUtf8 = await runImport(utf8('工号,姓名,部门\n1,张三,销售部\n2,李四,销售部\n'), {
      profile: cn,
      org: 'cn-co',
    });
    if (!fromGbk.ok || !fromUtf8.ok) throw new Error('import failed');
    expect(fromGbk.report.source?.encoding).toBe('gbk');
    expect(fromGbk.plan.people.map((p) => p.name)).toEqual(['张三', '李四']);
    expect(fromGbk.plan).toEqual(fromUtf8.plan);
    const dept = fromGbk.plan.units.find((u) => u.kind === 'department');
    expect(dept?.name).toBe('销售部');
    expect(dept?.id).toMatch(/^dept-h[0-9a-f]{8}$/);
  });
});
