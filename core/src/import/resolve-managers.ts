import { middlesAgree, nameKey, splitName, idFragment, type NameParts } from './person-names.ts';
import type { PersonDraft } from './row-drafts.ts';
import type { ImportProfile } from './profile.ts';
import type { RowIssue } from './table.ts';

/** A manager known only by name: a person made from the name, placed with their first report. */
export interface CreatedManager {
  id: string;
  name: string;
  line: number;
  department: string;
}

/** Each draft's manager as a person id (or null), and the managers that had to be created. */
export interface ManagerResolution {
  managerOf: Map<string, string | null>;
  created: CreatedManager[];
  repaired: RowIssue[];
}

/**
 * Resolves manager references. By name ("First [M.] Last" against rows "Last, First M"), because
 * HR exports carry manager names reliably and manager ids often not; by external id when the
 * profile has a manager-id column and no name column. Names that match no row become people
 * (reported) unless they are listed as "not people" or matched a rejected row, in which case the
 * link is left empty and reported. `rejectedIds` maps the ids of rejected rows to their lines, so
 * a link to one is reported as such rather than as an id that matches nothing.
 */
export function resolveManagers(
  drafts: PersonDraft[],
  rejectedNames: NameParts[],
  profile: ImportProfile,
  rejectedIds: ReadonlyMap<string, number> = new Map(),
): ManagerResolution {
  const byName = profile.columns.managerName !== undefined;
  if (!byName && profile.columns.managerId === undefined) {
    return { managerOf: new Map(drafts.map((d) => [d.id, null])), created: [], repaired: [] };
  }
  const byKey = new Map<string, PersonDraft[]>();
  for (const draft of drafts) {
    const key = nameKey(draft.name);
    const list = byKey.get(key);
    if (list) list.push(draft);
    else byKey.set(key, [draft]);
  }
  const rejectedKeys = new Set(rejectedNames.map(nameKey));
  const byExternal = new Map(drafts.map((d) => [d.externalId, d.id]));
  const notPeople = new Set(profile.managers.notPeople.map((n) => n.toLowerCase()));
  const managerOf = new Map<string, string | null>();
  const createdByKey = new Map<string, CreatedManager>();
  const repaired: RowIssue[] = [];
  for (const draft of drafts) {
    const { line } = draft;
    const field = (byName ? profile.columns.managerName : profile.columns.managerId) ?? 'manager';
    const note = (reason: string, message: string): void => {
      repaired.push({ line, field, reason, message: `line ${line}: ${message}` });
    };
    let managerId: string | null = null;
    if (byName && draft.managerName !== '') {
      const raw = draft.managerName;
      const parts = splitName(raw, raw.includes(',') ? 'last-comma-first' : 'first-last');
      const candidates = (byKey.get(nameKey(parts)) ?? []).filter((d) =>
        middlesAgree(d.name, parts),
      );
      if (notPeople.has(raw.toLowerCase())) {
        note('manager-not-a-person', `"${raw}" is not a person; no manager recorded`);
      } else if (candidates.length === 1) {
        managerId = candidates[0]?.id ?? null;
      } else if (candidates.length > 1) {
        const lines = candidates.map((d) => d.line).join(', ');
        note(
          'manager-ambiguous',
          `manager "${raw}" matches the rows on lines ${lines}; none chosen`,
        );
      } else if (rejectedKeys.has(nameKey(parts))) {
        note('manager-rejected', `manager "${raw}" is on a rejected row; no manager recorded`);
      } else if (profile.managers.createMissing) {
        const key = nameKey(parts);
        let created = createdByKey.get(key);
        if (!created) {
          created = {
            id: `mgr-${idFragment(parts.display)}`,
            name: parts.display,
            line,
            department: draft.department,
          };
          createdByKey.set(key, created);
          note('manager-created', `manager "${raw}" has no row of their own; a person was created`);
        }
        managerId = created.id;
      } else {
        note('manager-unknown', `manager "${raw}" matches no row; no manager recorded`);
      }
    } else if (!byName && draft.managerExternalId !== '') {
      managerId = byExternal.get(draft.managerExternalId) ?? null;
      const rejectedLine = rejectedIds.get(draft.managerExternalId);
      if (managerId === null && rejectedLine !== undefined) {
        note(
          'manager-rejected',
          `manager id "${draft.managerExternalId}" is on line ${rejectedLine}, which was ` +
            'rejected; no manager recorded',
        );
      } else if (managerId === null) {
        note('manager-unknown', `manager id "${draft.managerExternalId}" matches no row`);
      }
    }
    if (managerId === draft.id) {
      note('self-managed', 'the row names itself as its manager; no manager recorded');
      managerId = null;
    }
    managerOf.set(draft.id, managerId);
  }
  return { managerOf, created: [...createdByKey.values()], repaired };
}
