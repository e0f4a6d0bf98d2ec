import { Organisation, Person } from '../model/org.ts';
import { PriorRating, type IndicatorValue } from '../model/performance.ts';
import { resolveColumns } from './columns.ts';
import { emptyCounts, type ImportOutcome, type ImportPlan, type ImportReport } from './outcome.ts';
import { idFragment, type NameParts } from './person-names.ts';
import type { ImportProfile } from './profile.ts';
import { readDraft, type PersonDraft } from './row-drafts.ts';
import { resolveManagers } from './resolve-managers.ts';
import type { RowIssue, Table } from './table.ts';
import { buildUnits } from './build-units.ts';

/** Options of `planImport`. */
export interface PlanImportOptions {
  /** Organisation id; the documents written are `org/{org}/...`. */
  org: string;
  /** Display name of the organisation when the directory has none yet. */
  orgName?: string;
  /** Import the good rows even when some are rejected (the report lists the rejected ones). */
  partial?: boolean;
  /** Passed through to the outcome so callers can tell a dry run's plan from one to apply. */
  dryRun?: boolean;
}

function firstIssue(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/**
 * Turns a table into a validated import plan and a line-by-line report, without writing anything.
 * Rows are read through the profile, managers resolved, units built, and every value checked with
 * the model's zod schemas. Any rejected row makes the whole import fail unless `partial` is set,
 * because a half-imported org chart (a manager missing, their team orphaned) is worse than none.
 */
export function planImport(
  table: Table,
  profile: ImportProfile,
  opts: PlanImportOptions,
): ImportOutcome {
  const report: ImportReport = {
    profile: profile.name,
    source: table.source,
    counts: emptyCounts(),
    rejected: [...table.rejected],
    repaired: [],
  };
  const dryRun = opts.dryRun ?? false;
  const org = Organisation.safeParse({
    id: opts.org,
    name: opts.orgName ?? profile.companyName ?? opts.org,
  });
  if (!org.success) {
    return {
      ok: false,
      reason: 'invalid-org',
      message: `bad organisation: ${firstIssue(org.error.issues)}`,
      report,
    };
  }
  const columns = resolveColumns(table, profile);
  if (!columns.ok) return { ok: false, reason: columns.reason, message: columns.message, report };
  report.repaired.push(...columns.value.assumedDateOrder);
  report.repaired.push(
    ...table.repaired.filter((r) => r.field === undefined || columns.value.used.has(r.field)),
  );

  const drafts: PersonDraft[] = [];
  const rejectedNames: NameParts[] = [];
  const rejectedIds = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const read = readDraft(row, profile, columns.value);
    if (!read.ok) {
      report.rejected.push(...read.rejected);
      if (read.name) rejectedNames.push(read.name);
      if (read.externalId !== '' && !rejectedIds.has(read.externalId)) {
        rejectedIds.set(read.externalId, row.line);
      }
      continue;
    }
    const { draft } = read;
    const first = seen.get(draft.id);
    if (first !== undefined) {
      report.rejected.push({
        line: draft.line,
        field: profile.columns.id,
        reason: 'duplicate-id',
        message: `line ${draft.line}: id "${draft.externalId}" is already used on line ${first}`,
      });
      continue;
    }
    seen.set(draft.id, draft.line);
    report.repaired.push(...read.repaired);
    drafts.push(draft);
  }

  const managers = resolveManagers(drafts, rejectedNames, profile, rejectedIds);
  report.repaired.push(...managers.repaired);
  const units = buildUnits(drafts, managers, profile, org.data.name);

  const people: Person[] = [];
  const records: ImportPlan['records'] = [];
  const rejectPerson = (line: number, issues: { path: PropertyKey[]; message: string }[]): void => {
    report.rejected.push({
      line,
      reason: 'invalid-value',
      message: `line ${line}: ${firstIssue(issues)}`,
    });
  };
  const ratingKey = `imp-${idFragment(profile.rating?.column ?? 'rating')}`;
  for (const draft of drafts) {
    const person = Person.safeParse({
      id: draft.id,
      externalId: draft.externalId,
      name: draft.name.display,
      email: draft.email,
      title: draft.title,
      unitId: units.unitOf.get(draft.id) ?? null,
      regionId: units.regionOf.get(draft.id) ?? null,
      managerId: managers.managerOf.get(draft.id) ?? null,
      status: draft.status,
      hiredOn: draft.hiredOn,
      leftOn: draft.leftOn,
    });
    if (!person.success) {
      rejectPerson(draft.line, person.error.issues);
      continue;
    }
    const ratings: PriorRating[] = [];
    if (draft.rating && profile.rating) {
      const spec = profile.rating;
      const rating = PriorRating.safeParse({
        id: draft.rating.date ? `${ratingKey}-${draft.rating.date}` : ratingKey,
        personId: draft.id,
        cycleLabel: spec.cycleLabel,
        date: draft.rating.date,
        value: draft.rating.value,
        scaleMin: spec.scaleMin,
        scaleMax: spec.scaleMax,
        label: draft.rating.label,
        source: `import:${profile.name}`,
      });
      if (!rating.success) {
        rejectPerson(draft.line, rating.error.issues);
        continue;
      }
      ratings.push(rating.data);
    }
    // Indicator values are not run through zod one by one: every part comes from the profile
    // (validated as a whole) or from parseFigure/parseDate, so each is valid by construction,
    // and 274,000 schema runs were most of the planning time of a 54,808-row file.
    const source = `import:${profile.name}`;
    const indicators: IndicatorValue[] = draft.indicators.map(({ spec, value, asOf }) => ({
      key: spec.key,
      label: spec.label,
      value,
      unit: spec.unit,
      direction: spec.direction,
      asOf,
      source,
    }));
    people.push(person.data);
    if (ratings.length > 0 || indicators.length > 0)
      records.push({ personId: draft.id, ratings, indicators });
  }
  const imported = people.length;
  // A person dropped by validation must not stay someone's manager.
  const kept = new Set(people.map((p) => p.id));
  for (const created of managers.created) kept.add(created.id);
  const lineOf = new Map(drafts.map((d) => [d.id, d.line]));
  for (const person of people) {
    if (person.managerId === null || kept.has(person.managerId)) continue;
    const line = lineOf.get(person.id) ?? 0;
    report.repaired.push({
      line,
      field: profile.columns.managerName ?? profile.columns.managerId ?? 'manager',
      reason: 'manager-rejected',
      message: `line ${line}: the manager's own row was rejected; no manager recorded`,
    });
    person.managerId = null;
  }
  report.repaired.push(...breakManagerCycles(people, lineOf, profile));
  for (const created of managers.created) {
    people.push(
      Person.parse({
        id: created.id,
        name: created.name,
        unitId: units.unitOf.get(created.id) ?? null,
        managerId: null,
      }),
    );
  }

  const plan: ImportPlan = {
    org: org.data,
    units: units.units,
    regions: units.regions,
    people,
    records,
  };
  const rejectedLines = new Set(report.rejected.map((r) => r.line));
  report.counts = {
    rows: table.rows.length + table.rejected.length,
    imported,
    rejectedRows: rejectedLines.size,
    people: people.length,
    units: units.units.length,
    departments: units.units.filter((u) => u.kind === 'department').length,
    teams: units.units.filter((u) => u.kind === 'team').length,
    regions: units.regions.length,
    managers: new Set(people.map((p) => p.managerId).filter((m) => m !== null)).size,
    managersCreated: managers.created.length,
    priorRatings: records.reduce((n, r) => n + r.ratings.length, 0),
    indicators: records.reduce((n, r) => n + r.indicators.length, 0),
  };
  report.rejected.sort(byLine);
  report.repaired.sort(byLine);
  if (report.rejected.length > 0 && (!opts.partial || imported === 0)) {
    return {
      ok: false,
      reason: 'validation-failed',
      message:
        `${rejectedLines.size} row(s) rejected` +
        (opts.partial
          ? ' and no row could be imported'
          : '; nothing was imported (use --partial to import the rest)'),
      report,
    };
  }
  return { ok: true, dryRun, plan, report };
}

/**
 * Finds every loop of managers (3 managed by 4, 4 managed by 3) and breaks it where it is seen
 * first in the file: that row keeps no manager, and the repair names every line of the loop. A
 * loop has no top, so the chain walks of permissions and reports would have nowhere to stop.
 */
function breakManagerCycles(
  people: Person[],
  lineOf: ReadonlyMap<string, number>,
  profile: ImportProfile,
): RowIssue[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const done = new Set<string>();
  const repaired: RowIssue[] = [];
  for (const start of people) {
    const path: Person[] = [];
    const at = new Map<string, number>();
    let current: Person | undefined = start;
    while (current !== undefined && !done.has(current.id) && !at.has(current.id)) {
      at.set(current.id, path.length);
      path.push(current);
      current = current.managerId === null ? undefined : byId.get(current.managerId);
    }
    if (current !== undefined && at.has(current.id)) {
      const loop = path.slice(at.get(current.id));
      const lineOfPerson = (p: Person): number => lineOf.get(p.id) ?? 0;
      const first = loop.reduce((a, b) => (lineOfPerson(b) < lineOfPerson(a) ? b : a));
      const from = loop.indexOf(first);
      const ordered = [...loop.slice(from), ...loop.slice(0, from), first];
      const chain = ordered
        .map((p) => `line ${lineOfPerson(p)} (id "${p.externalId ?? p.id}")`)
        .join(' -> ');
      const line = lineOfPerson(first);
      repaired.push({
        line,
        field: profile.columns.managerName ?? profile.columns.managerId ?? 'manager',
        reason: 'manager-cycle',
        message:
          `line ${line}: the managers form a loop, each row managed by the next: ${chain}; ` +
          'no manager recorded for this row',
      });
      first.managerId = null;
    }
    for (const p of path) done.add(p.id);
  }
  return repaired;
}

function byLine(a: RowIssue, b: RowIssue): number {
  return a.line - b.line;
}
