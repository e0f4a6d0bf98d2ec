import { Region, Unit } from '../model/org.ts';
import { idFragment } from './person-names.ts';
import type { ImportProfile } from './profile.ts';
import type { ManagerResolution } from './resolve-managers.ts';
import type { PersonDraft } from './row-drafts.ts';

/** The unit tree and regions an import builds, and where each person sits. */
export interface BuiltUnits {
  units: Unit[];
  regions: Region[];
  unitOf: Map<string, string>;
  regionOf: Map<string, string>;
}

/** Id of the root unit every imported organisation hangs under. */
export const COMPANY_UNIT_ID = 'company';

/**
 * Builds the unit tree: one company unit, a department unit per distinct department (names are
 * already trimmed, so "Production       " and "Production" are one), and team units as the profile
 * says. Ids derive from names, so importing the same file again yields the same units.
 */
export function buildUnits(
  drafts: PersonDraft[],
  managers: ManagerResolution,
  profile: ImportProfile,
  orgName: string,
): BuiltUnits {
  const units = new Map<string, Unit>();
  const regions = new Map<string, Region>();
  const unitOf = new Map<string, string>();
  const regionOf = new Map<string, string>();
  const add = (unit: Omit<Unit, 'headId'> & { headId?: string | null }): string => {
    if (!units.has(unit.id))
      units.set(unit.id, Unit.parse({ ...unit, headId: unit.headId ?? null }));
    return unit.id;
  };
  add({
    id: COMPANY_UNIT_ID,
    name: profile.companyName ?? orgName,
    kind: 'company',
    parentId: null,
  });
  // Tens of thousands of rows share a few names: make each id fragment once.
  const fragments = new Map<string, string>();
  const fragment = (text: string): string => {
    let f = fragments.get(text);
    if (f === undefined) {
      f = idFragment(text);
      fragments.set(text, f);
    }
    return f;
  };
  const department = (name: string): string =>
    name === ''
      ? COMPANY_UNIT_ID
      : add({
          id: `dept-${fragment(name)}`,
          name,
          kind: 'department',
          parentId: COMPANY_UNIT_ID,
        });

  const nameOf = new Map<string, string>(
    profile.teams === 'per-manager' ? drafts.map((d) => [d.id, d.name.display]) : [],
  );
  for (const created of managers.created) nameOf.set(created.id, created.name);

  for (const draft of drafts) {
    const parentId = department(draft.department);
    let unitId = parentId;
    const managerId = managers.managerOf.get(draft.id) ?? null;
    const scope = parentId === COMPANY_UNIT_ID ? '' : `${parentId.slice('dept-'.length)}-`;
    if (profile.teams === 'per-manager' && managerId !== null) {
      const managerName = nameOf.get(managerId) ?? managerId;
      unitId = add({
        id: `team-${scope}${managerId}`,
        name:
          draft.department === ''
            ? `${managerName}'s team`
            : `${draft.department} (${managerName})`,
        kind: 'team',
        parentId,
        headId: managerId,
      });
    } else if (profile.teams === 'column' && draft.team !== '') {
      unitId = add({
        id: `team-${scope}${fragment(draft.team)}`,
        name: draft.team,
        kind: 'team',
        parentId,
      });
    }
    unitOf.set(draft.id, unitId);
    if (draft.region !== '') {
      const id = `reg-${fragment(draft.region)}`;
      if (!regions.has(id)) regions.set(id, Region.parse({ id, name: draft.region }));
      regionOf.set(draft.id, id);
    }
  }
  // A manager known only by name sits in the department of the first report that named them.
  for (const created of managers.created) unitOf.set(created.id, department(created.department));
  return { units: [...units.values()], regions: [...regions.values()], unitOf, regionOf };
}
