import type * as Y from 'yjs';
import type { z } from 'zod';
import { Organisation, Person, Region, ReviewCycle, Unit } from '../model/org.ts';

/** An entry of a document that failed its schema: kept out of the view and reported, never thrown. */
export interface InvalidEntry {
  map: string;
  key: string;
  message: string;
}

/** A validated, plain-object view of an `org/{org}/directory` document. */
export interface Directory {
  org: Organisation | null;
  units: Map<string, Unit>;
  regions: Map<string, Region>;
  people: Map<string, Person>;
  cycles: Map<string, ReviewCycle>;
  invalid: InvalidEntry[];
}

/** Top-level type names of the directory document; every writer and reader goes through these. */
export const DIRECTORY_MAPS = {
  meta: 'meta',
  units: 'units',
  regions: 'regions',
  people: 'people',
  cycles: 'cycles',
} as const;

/**
 * Reads one Y.Map of JSON entries through a schema. Entries that fail are listed in `invalid` so a
 * single bad entry written by an old client cannot hide the whole directory.
 */
export function readEntries<S extends z.ZodType>(
  doc: Y.Doc,
  mapName: string,
  schema: S,
  invalid: InvalidEntry[],
): Map<string, z.infer<S>> {
  const out = new Map<string, z.infer<S>>();
  doc.getMap<unknown>(mapName).forEach((value, key) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) out.set(key, parsed.data);
    else invalid.push({ map: mapName, key, message: parsed.error.issues[0]?.message ?? 'invalid' });
  });
  return out;
}

/** Reads the whole directory document into validated plain objects. */
export function readDirectory(doc: Y.Doc): Directory {
  const invalid: InvalidEntry[] = [];
  const orgRaw = doc.getMap<unknown>(DIRECTORY_MAPS.meta).get('org');
  const org = orgRaw === undefined ? null : Organisation.safeParse(orgRaw);
  if (org && !org.success) invalid.push({ map: 'meta', key: 'org', message: org.error.message });
  return {
    org: org?.success ? org.data : null,
    units: readEntries(doc, DIRECTORY_MAPS.units, Unit, invalid),
    regions: readEntries(doc, DIRECTORY_MAPS.regions, Region, invalid),
    people: readEntries(doc, DIRECTORY_MAPS.people, Person, invalid),
    cycles: readEntries(doc, DIRECTORY_MAPS.cycles, ReviewCycle, invalid),
    invalid,
  };
}

/**
 * The person's manager chain, nearest first: manager, manager's manager, and so on. Stops at a
 * cycle (a data error in an imported org chart must not hang the permission check).
 */
export function managerChain(people: ReadonlyMap<string, Person>, personId: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([personId]);
  let current = people.get(personId)?.managerId ?? null;
  while (current !== null && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = people.get(current)?.managerId ?? null;
  }
  return chain;
}

/** The people whose direct manager is `managerId`, sorted by name for stable display. */
export function directReports(people: ReadonlyMap<string, Person>, managerId: string): Person[] {
  return [...people.values()]
    .filter((p) => p.managerId === managerId)
    .sort((a, b) => a.name.localeCompare(b.name));
}
