import type { Directory } from '../docs/directory.ts';
import type { Person } from '../model/org.ts';
import type { CycleSettings, PopulationFilter, ScorecardTemplate } from './cycle-settings.ts';

/** The unit and every unit it sits in, nearest first; stops at a loop in the unit tree. */
export function unitLineage(directory: Directory, unitId: string | null): string[] {
  const out: string[] = [];
  let current = unitId;
  while (current !== null && !out.includes(current)) {
    out.push(current);
    current = directory.units.get(current)?.parentId ?? null;
  }
  return out;
}

/** Whether a person passes a population filter (C1.3). */
export function matchesPopulation(
  directory: Directory,
  filter: PopulationFilter,
  person: Person,
): boolean {
  if (filter.unitIds.length > 0) {
    const lineage = unitLineage(directory, person.unitId);
    if (!filter.unitIds.some((u) => lineage.includes(u))) return false;
  }
  if (filter.jobFamilies.length > 0 && !filter.jobFamilies.includes(person.jobFamily)) return false;
  if (filter.regionIds.length > 0) {
    if (person.regionId === null || !filter.regionIds.includes(person.regionId)) return false;
  }
  return true;
}

/**
 * The people a cycle reviews (C1.3): everyone not terminated who passes the filter, in id order
 * so bulk creation and progress lists are stable.
 */
export function cyclePopulation(directory: Directory, settings: CycleSettings): Person[] {
  return [...directory.people.values()]
    .filter(
      (p) => p.status !== 'terminated' && matchesPopulation(directory, settings.population, p),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The template a person is scored on (C2.1): the first whose job families and units (with the
 * units above the person's) fit, an empty list fitting anything. Null when none fits.
 */
export function templateFor(
  directory: Directory,
  settings: CycleSettings,
  person: Person,
): ScorecardTemplate | null {
  const lineage = unitLineage(directory, person.unitId);
  for (const t of settings.templates) {
    const family =
      t.match.jobFamilies.length === 0 || t.match.jobFamilies.includes(person.jobFamily);
    const unit = t.match.unitIds.length === 0 || t.match.unitIds.some((u) => lineage.includes(u));
    if (family && unit) return t;
  }
  return null;
}
