import { docName, type Directory } from '../core-browser.ts';
import type { TokenClaims } from '../settings/token-claims.ts';

/** At most this many private documents are opened at once (one socket each). */
export const MAX_PRIVATE_DOCS = 40;

/** Ids of the people whose manager chain includes `personId`, nearest first (breadth-first). */
function reportsOf(directory: Directory, personId: string): string[] {
  const byManager = new Map<string, string[]>();
  for (const p of directory.people.values()) {
    if (p.managerId === null || p.status === 'terminated') continue;
    const list = byManager.get(p.managerId) ?? [];
    list.push(p.id);
    byManager.set(p.managerId, list);
  }
  const out: string[] = [];
  const seen = new Set([personId]);
  const queue = [personId];
  for (let i = 0; i < queue.length; i += 1) {
    for (const r of (byManager.get(queue[i] as string) ?? []).sort()) {
      if (seen.has(r)) continue;
      seen.add(r);
      out.push(r);
      queue.push(r);
    }
  }
  return out;
}

/**
 * The goal documents the panel opens for the signed-in person: the strategy; the team documents of
 * their own unit, of every unit below a unit they head, and of every unit one of their reports sits
 * in (HR and admins: every unit); their own private document and their reports' (up to
 * MAX_PRIVATE_DOCS). The server decides access again for each; a refused one shows as such.
 */
export function goalDocNames(claims: TokenClaims, directory: Directory): string[] {
  const org = claims.org;
  const names = new Set<string>([docName({ kind: 'strategy', org })]);
  const units = new Set<string>();
  const me = directory.people.get(claims.personId);
  if (me?.unitId) units.add(me.unitId);
  const staff = claims.role === 'hr' || claims.role === 'admin';
  const headed = [...directory.units.values()].filter((u) => u.headId === claims.personId);
  const childUnits = new Map<string, string[]>();
  for (const u of directory.units.values()) {
    if (u.parentId === null) continue;
    childUnits.set(u.parentId, [...(childUnits.get(u.parentId) ?? []), u.id]);
  }
  const stack = headed.map((u) => u.id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (units.has(id) && !headed.some((h) => h.id === id)) continue;
    units.add(id);
    stack.push(...(childUnits.get(id) ?? []).filter((c) => !units.has(c)));
  }
  const reports = reportsOf(directory, claims.personId);
  for (const r of reports) {
    const unitId = directory.people.get(r)?.unitId;
    if (unitId) units.add(unitId);
  }
  if (staff) {
    for (const u of directory.units.values()) if (u.kind !== 'company') units.add(u.id);
  }
  for (const u of units) {
    if (directory.units.get(u)?.kind === 'company') continue;
    names.add(docName({ kind: 'team', org, unit: u }));
  }
  for (const p of [claims.personId, ...reports.slice(0, MAX_PRIVATE_DOCS - 1)]) {
    names.add(docName({ kind: 'person-private', org, person: p }));
  }
  return [...names].sort();
}
