import type { Directory } from '../docs/directory.ts';
import { managerChain } from '../docs/directory.ts';
import type { DocRef } from '../docs/names.ts';
import type { CyclePhase, Role } from '../model/org.ts';

/** Who is asking: the verified claims of a token (`sub`, `org`, `role`). */
export interface Principal {
  personId: string;
  org: string;
  role: Role;
}

/**
 * What a connection may do with one document. A reader gets the whole document and a writer may
 * change any part of it: the Yjs document is the unit of permission, so there is nothing finer.
 */
export type Access = 'write' | 'read' | 'deny';

/**
 * Cycle phases in which scorecards are released to the person they score. Until then only the
 * chain and HR see a scorecard, so calibration can move numbers without the person watching.
 */
export const SCORECARD_RELEASED_PHASES: readonly CyclePhase[] = ['feedback', 'closed'];

/**
 * Cycle phases in which reviews count as submitted. The directory carries the cycle's phase but not
 * each review's own "submitted" flag, so a review locks for its rater (and opens to chain and HR)
 * when the cycle moves past peer/manager review. A per-review flag would need the permission check
 * to read the review document itself, which the server cannot do before deciding to load it.
 */
export const REVIEWS_SUBMITTED_PHASES: readonly CyclePhase[] = [
  'calibration',
  'feedback',
  'closed',
];

/** The relations a principal can have to a person; computed once per check from the directory. */
interface Relation {
  self: boolean;
  chain: boolean;
  directManager: boolean;
}

function relationTo(principal: Principal, personId: string, directory: Directory): Relation {
  const chain = managerChain(directory.people, personId);
  return {
    self: principal.personId === personId,
    chain: chain.includes(principal.personId),
    directManager: chain[0] === principal.personId,
  };
}

/** Ids of a unit and every unit above it, nearest first; stops at a cycle in the unit tree. */
function unitAncestry(directory: Directory, unitId: string): string[] {
  const out: string[] = [];
  let current: string | null = unitId;
  while (current !== null && !out.includes(current)) {
    out.push(current);
    current = directory.units.get(current)?.parentId ?? null;
  }
  return out;
}

/**
 * The chain of a team: its head and the head's managers, the heads of every unit above it, and the
 * managers of each of its members. The members' managers count because imported org charts often
 * leave `headId` empty, and whoever manages a member must be able to plan the team's goals.
 */
function isInTeamChain(principal: Principal, unitId: string, directory: Directory): boolean {
  const me = principal.personId;
  for (const id of unitAncestry(directory, unitId)) {
    const head = directory.units.get(id)?.headId ?? null;
    if (head === null) continue;
    if (head === me) return true;
    if (id === unitId && managerChain(directory.people, head).includes(me)) return true;
  }
  for (const person of directory.people.values()) {
    if (person.unitId !== unitId || person.status === 'terminated') continue;
    if (managerChain(directory.people, person.id).includes(me)) return true;
  }
  return false;
}

/** Heads of the root units and of the units directly below a root (the departments). */
function isTopUnitHead(principal: Principal, directory: Directory): boolean {
  for (const unit of directory.units.values()) {
    if (unit.headId !== principal.personId) continue;
    const parent = unit.parentId === null ? null : directory.units.get(unit.parentId);
    if (unit.parentId === null || (parent !== undefined && parent?.parentId === null)) return true;
  }
  return false;
}

function cyclePhase(directory: Directory, cycleId: string): CyclePhase | null {
  return directory.cycles.get(cycleId)?.phase ?? null;
}

function grant(write: boolean, read: boolean): Access {
  if (write) return 'write';
  return read ? 'read' : 'deny';
}

/**
 * Decides what `principal` may do with the document `ref`, following the table in THREAT_MODEL.md.
 * The manager chain is read from `directory` at the time of the call, so a reorganisation changes
 * access at the next connection without issuing new tokens. Pure: the same inputs always give the
 * same answer, which is what lets it be tested as a matrix.
 *
 * Someone the directory lists as terminated gets nothing; someone the directory does not list yet
 * (an admin before the first import) keeps the rights of their global role.
 */
export function decideAccess(principal: Principal, ref: DocRef, directory: Directory): Access {
  if (principal.org !== ref.org) return 'deny';
  if (directory.org !== null && directory.org.id !== ref.org) return 'deny';
  const me = directory.people.get(principal.personId);
  if (me?.status === 'terminated') return 'deny';
  const hr = principal.role === 'hr';
  const admin = principal.role === 'admin';
  const staff = hr || admin;

  switch (ref.kind) {
    case 'directory':
      return grant(staff, true);
    case 'strategy':
      return grant(staff || isTopUnitHead(principal, directory), true);
    case 'team': {
      const member = me !== undefined && me.unitId === ref.unit;
      const chain = isInTeamChain(principal, ref.unit, directory);
      return grant(member || chain, hr);
    }
    case 'person-record': {
      const r = relationTo(principal, ref.person, directory);
      return grant(r.chain || staff, r.self);
    }
    case 'person-private': {
      const r = relationTo(principal, ref.person, directory);
      return grant(r.self || r.chain, hr);
    }
    case 'person-coaching': {
      const r = relationTo(principal, ref.person, directory);
      return grant(r.chain, hr);
    }
    case 'person-one-on-one': {
      const r = relationTo(principal, ref.person, directory);
      return grant(r.self || r.directManager, r.chain);
    }
    case 'scorecard': {
      const r = relationTo(principal, ref.person, directory);
      const phase = cyclePhase(directory, ref.cycle);
      const released = phase !== null && SCORECARD_RELEASED_PHASES.includes(phase);
      return grant(r.chain || hr, r.self && released);
    }
    case 'review': {
      const phase = cyclePhase(directory, ref.cycle);
      const submitted = phase !== null && REVIEWS_SUBMITTED_PHASES.includes(phase);
      const rater = principal.personId === ref.rater;
      const chain = relationTo(principal, ref.person, directory).chain;
      return grant(rater && !submitted, rater || (submitted && (chain || hr)));
    }
    case 'feedback': {
      const r = relationTo(principal, ref.person, directory);
      return grant(r.self || r.chain, hr);
    }
    case 'prefs': {
      const self = principal.personId === ref.user;
      return grant(self, self);
    }
  }
}
