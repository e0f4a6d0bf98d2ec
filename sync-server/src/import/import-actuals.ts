import { applyCheckInImport } from '@firstline/core/docs/coaching-docs-check-ins';
import { readDirectory, DIRECTORY_MAPS, type Directory } from '@firstline/core/docs/directory';
import type { GoalDocTarget } from '@firstline/core/docs/goal-docs';
import { placeGoal } from '@firstline/core/docs/goal-docs-placement';
import { docName } from '@firstline/core/docs/names';
import type {
  CheckInImportFailure,
  CheckInImportPlan,
  CheckInImportProfileInput,
  CheckInImportReport,
  ImportedSeries,
} from '@firstline/core/import/index';
import { runCheckInImport } from '@firstline/core/import/index';
import { Id, slugify } from '@firstline/core/model/ids';
import { Person, Unit } from '@firstline/core/model/org';
import type { DocRegistry } from '../documents/doc-registry.ts';
import type { SharedDoc } from '../documents/shared-doc.ts';

/** How many goal documents are held and committed together while actuals are applied. */
export const ACTUALS_DOC_BATCH = 100;

/** The settings of one import of actuals, as the CLI flags and the HTTP query give them. */
export interface ActualsImportSettings {
  /** A built-in check-in profile name or a JSON one (`core/src/import/check-ins-profile.ts`). */
  profile: string | CheckInImportProfileInput;
  org: string;
  dryRun: boolean;
  partial: boolean;
  /**
   * Create the teams and people the file names that the directory lacks. Off by default: a row
   * for an unknown team is then rejected with its line, since a typo must not become a new team.
   */
  createMissing: boolean;
  fileName?: string;
}

/** What applying changed (or, in a dry run, nothing: `applied` is null). */
export interface ActualsApplied {
  /** Goal documents that received a change. */
  docs: number;
  goalsCreated: number;
  /** Check-ins written; one already stored with the same content is not counted. */
  checkIns: number;
  unitsCreated: number;
  peopleCreated: number;
}

/**
 * The answer of an import of actuals, the same JSON from the CLI's `--json` and from
 * `POST /api/import-actuals`. `created` lists the teams and people that were (in a dry run: would
 * be) added to the directory; `skipped` the series whose goal was deleted meanwhile, whose
 * values are left out rather than attached to a goal nobody sees.
 */
export type ActualsImportResponse =
  | {
      ok: true;
      dryRun: boolean;
      applied: ActualsApplied | null;
      created: { units: string[]; people: string[] };
      skipped: string[];
      report: CheckInImportReport;
    }
  | { ok: false; reason: CheckInImportFailure; message: string; report: CheckInImportReport };

/** Who imports and when: the author of every check-in, and today for the future-date check. */
export interface ActualsImportContext {
  authorId: string;
  now: Date;
}

/** Directory entries an import adds for subjects the directory lacks. */
interface DirectoryAdditions {
  org: { id: string; name: string; timeZone: string; locale: 'en' } | null;
  units: Unit[];
  people: Person[];
}

/**
 * The teams and people of the plan that the directory lacks. New people go into one team named
 * after the profile (a person needs a unit for their goals to have a document); new teams hang
 * under the company unit when there is one.
 */
function additionsFor(
  org: string,
  directory: Directory,
  series: readonly ImportedSeries[],
  profileName: string,
): DirectoryAdditions {
  const company = [...directory.units.values()].find((u) => u.kind === 'company') ?? null;
  const units = new Map<string, Unit>();
  const people = new Map<string, Person>();
  const newTeam = (id: string, name: string): void => {
    if (directory.units.has(id) || units.has(id)) return;
    units.set(id, Unit.parse({ id, name, kind: 'team', parentId: company?.id ?? null }));
  };
  for (const s of series) {
    if (s.subject.kind === 'unit') newTeam(s.subject.id, s.subject.name);
    else if (!directory.people.has(s.subject.id) && !people.has(s.subject.id)) {
      const unitId = `team-${slugify(profileName)}`;
      newTeam(unitId, `${profileName} (imported)`);
      people.set(
        s.subject.id,
        Person.parse({ id: s.subject.id, name: s.subject.name, unitId, managerId: null }),
      );
    }
  }
  return {
    org:
      directory.org === null && (units.size > 0 || people.size > 0)
        ? { id: org, name: org, timeZone: 'UTC', locale: 'en' }
        : null,
    units: [...units.values()],
    people: [...people.values()],
  };
}

function withAdditions(directory: Directory, add: DirectoryAdditions): Directory {
  return {
    ...directory,
    units: new Map([...directory.units, ...add.units.map((u) => [u.id, u] as const)]),
    people: new Map([...directory.people, ...add.people.map((p) => [p.id, p] as const)]),
  };
}

function writeAdditions(doc: SharedDoc['doc'], add: DirectoryAdditions): void {
  if (add.org === null && add.units.length === 0 && add.people.length === 0) return;
  doc.transact(() => {
    if (add.org !== null) doc.getMap(DIRECTORY_MAPS.meta).set('org', add.org);
    for (const u of add.units) doc.getMap(DIRECTORY_MAPS.units).set(u.id, { ...u });
    for (const p of add.people) doc.getMap(DIRECTORY_MAPS.people).set(p.id, { ...p });
  }, 'import');
}

/** The plan split by the goal document each series goes to. */
function byDocument(
  org: string,
  plan: CheckInImportPlan,
  directory: Directory,
): { parts: { target: GoalDocTarget; plan: CheckInImportPlan }[]; unplaced: string[] } {
  const parts = new Map<string, { target: GoalDocTarget; plan: CheckInImportPlan }>();
  const unplaced: string[] = [];
  const seriesDoc = new Map<string, string>();
  for (const s of plan.series) {
    const placed = placeGoal(org, { owner: s.subject, visibility: 'public' }, directory);
    if (!placed.ok) {
      unplaced.push(`${s.goalId}: ${placed.message}`);
      continue;
    }
    const name = placed.value.docName;
    seriesDoc.set(s.goalId, name);
    const part = parts.get(name) ?? { target: placed.value, plan: { series: [], checkIns: [] } };
    part.plan.series.push(s);
    parts.set(name, part);
  }
  for (const c of plan.checkIns) {
    const name = seriesDoc.get(c.goalId);
    if (name !== undefined) parts.get(name)?.plan.checkIns.push(c);
  }
  return { parts: [...parts.values()], unplaced };
}

/**
 * Reads, validates and (unless a dry run) applies a file of actuals to the registry's live
 * documents: the same commit-then-relay path as a client's edit, so panels connected to a goal
 * document see the check-ins at once. Subjects are matched against the directory; unless
 * `createMissing`, a row naming an unknown team or person is rejected with its line, and any
 * rejected row stops the import before anything is written (unless `partial`).
 */
export async function importActualsFile(
  registry: DocRegistry,
  bytes: Uint8Array,
  settings: ActualsImportSettings,
  context: ActualsImportContext,
): Promise<ActualsImportResponse> {
  const org = settings.org;
  const directoryDoc = await registry.acquire(docName({ kind: 'directory', org }));
  try {
    const directory = readDirectory(directoryDoc.doc);
    const outcome = await runCheckInImport(bytes, {
      profile: settings.profile,
      fileName: settings.fileName,
      timeZone: directory.org?.timeZone ?? 'UTC',
      authorId: context.authorId,
      now: context.now,
      knownPeople: [...directory.people.values()],
      knownUnits: [...directory.units.values()],
      requireKnownSubjects: !settings.createMissing,
      partial: settings.partial,
      dryRun: settings.dryRun,
    });
    if (!outcome.ok) return outcome;
    const additions = additionsFor(org, directory, outcome.plan.series, outcome.report.profile);
    const { parts, unplaced } = byDocument(org, outcome.plan, withAdditions(directory, additions));
    const created = {
      units: additions.units.map((u) => u.id),
      people: additions.people.map((p) => p.id),
    };
    if (settings.dryRun || outcome.dryRun) {
      return {
        ok: true,
        dryRun: true,
        applied: null,
        created,
        skipped: unplaced,
        report: outcome.report,
      };
    }
    const applied: ActualsApplied = {
      docs: 0,
      goalsCreated: 0,
      checkIns: 0,
      unitsCreated: additions.units.length,
      peopleCreated: additions.people.length,
    };
    const skipped = [...unplaced];
    const now = context.now.getTime();
    for (let start = 0; start === 0 || start < parts.length; start += ACTUALS_DOC_BATCH) {
      const chunk = parts.slice(start, start + ACTUALS_DOC_BATCH);
      const held = await Promise.all(chunk.map((p) => registry.acquire(p.target.docName)));
      try {
        // The directory's new entries commit with the first goal documents: a team never
        // appears without its figures, nor figures for a team the directory does not know.
        registry.batch(() => {
          if (start === 0) writeAdditions(directoryDoc.doc, additions);
          chunk.forEach((part, i) => {
            const result = applyCheckInImport(held[i]!.doc, part.target, part.plan, { now });
            if (result.goalsCreated > 0 || result.checkIns > 0) applied.docs += 1;
            applied.goalsCreated += result.goalsCreated;
            applied.checkIns += result.checkIns;
            skipped.push(...result.skipped);
          });
        });
        await Promise.all([directoryDoc, ...held].map((s) => s.flushed()));
      } finally {
        for (const shared of held) registry.release(shared, { unloadNow: true });
      }
    }
    return { ok: true, dryRun: false, applied, created, skipped, report: outcome.report };
  } finally {
    registry.release(directoryDoc);
  }
}

/** Why the settings of an import of actuals are wrong, before the file is read. */
export type ActualsSettingsFailure = 'invalid-option';

/** Raw options, as a query string or the CLI hands them over. */
export interface RawActualsOptions {
  profile?: string;
  profileJson?: unknown;
  org?: string;
  dryRun?: boolean;
  partial?: boolean;
  createMissing?: boolean;
  fileName?: string;
}

/** Checks the options once for both front ends. */
export function parseActualsSettings(
  raw: RawActualsOptions,
):
  | { ok: true; settings: ActualsImportSettings }
  | { ok: false; reason: ActualsSettingsFailure; message: string } {
  const profile = (raw.profileJson as CheckInImportProfileInput | undefined) ?? raw.profile;
  const org = raw.org ?? 'demo';
  if (!Id.safeParse(org).success) {
    return { ok: false, reason: 'invalid-option', message: `"${org}" is not an organisation id` };
  }
  if (profile === undefined) {
    return {
      ok: false,
      reason: 'invalid-option',
      message: 'give a built-in check-in profile name, or a JSON check-in profile',
    };
  }
  return {
    ok: true,
    settings: {
      profile,
      org,
      dryRun: raw.dryRun ?? false,
      partial: raw.partial ?? false,
      createMissing: raw.createMissing ?? false,
      fileName: raw.fileName,
    },
  };
}
