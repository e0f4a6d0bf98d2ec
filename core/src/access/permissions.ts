import type { Directory } from '../docs/directory.ts';
import { managerChain } from '../docs/directory.ts';
import type { DocRef } from '../docs/names.ts';
import { mayReview } from '../cycles/expected-raters.ts';
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
 * Cycle phases in which a rater can no longer write their review (C3.5): from calibration on the
 * reviews are what they are, submitted or not.
 */
export const REVIEW_LOCKED_PHASES: readonly CyclePhase[] = ['calibration', 'feedback', 'closed'];

/**
 * Facts about a cycle document's own state that its rules need (C5.4). The directory says who is
 * whose manager and which phase a cycle is in, but "this review is submitted" and "this scorecard
 * is released" live in the cycle documents themselves; the server reads them there
 * (`isReviewSubmitted`, `isScorecardReleased`) and passes them in, so this function stays pure.
 */
export interface DocFacts {
  /** The review document's rater has submitted it (for `review` documents). */
  reviewSubmitted: boolean;
  /** The person's scorecard of this cycle is released (for `scorecard` and `feedback`). */
  released: boolean;
}

/** The facts assumed when nobody has read them: nothing submitted, nothing released. */
export const NO_FACTS: DocFacts = { reviewSubmitted: false, released: false };

/** Whether the answer for `ref` can depend on `DocFacts` at all; the server reads facts only then. */
export function needsFacts(ref: DocRef): boolean {
  return ref.kind === 'scorecard' || ref.kind === 'review' || ref.kind === 'feedback';
}

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
 * (an admin before the first import) keeps the rights of their global role. Cycle documents also
 * depend on `facts` (C5.4); without them nothing counts as submitted or released.
 */
export function decideAccess(
  principal: Principal,
  ref: DocRef,
  directory: Directory,
  facts: DocFacts = NO_FACTS,
): Access {
  if (principal.org !== ref.org) return 'deny';
  if (directory.org !== null && directory.org.id !== ref.org) return 'deny';
  const me = directory.people.get(principal.personId);
  if (me?.status === 'terminated') return 'deny';
  const hr = principal.role === 'hr';
  const admin = principal.role === 'admin';
  const staff = hr || admin;
  // A member token speaks for a person of the directory; one minted for an id nobody has (a typo,
  // a deleted person) opens nothing. HR and admin tokens may belong to service accounts.
  if (me === undefined && !staff) return 'deny';

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
      // C5.1: chain and HR work on the card; the person reads it once it is released to them.
      const phase = cyclePhase(directory, ref.cycle);
      if (phase === null) return 'deny';
      const r = relationTo(principal, ref.person, directory);
      const open = phase !== 'closed';
      return grant((r.chain || hr) && open, r.chain || hr || (r.self && facts.released));
    }
    case 'review': {
      // C3.3-C3.5: only the rater writes, while the review is a draft and the phase allows it;
      // chain and HR read it once submitted; the ratee and other raters never do.
      const phase = cyclePhase(directory, ref.cycle);
      if (phase === null) return 'deny';
      const rater = principal.personId === ref.rater;
      if (rater && !mayReview(directory, ref.person, ref.rater)) return 'deny';
      const chain = relationTo(principal, ref.person, directory).chain;
      const writable = rater && !facts.reviewSubmitted && !REVIEW_LOCKED_PHASES.includes(phase);
      return grant(writable, rater || (facts.reviewSubmitted && (chain || hr)));
    }
    case 'feedback': {
      // C5.2: the thread opens to the person with the release; HR follows it read-only.
      const phase = cyclePhase(directory, ref.cycle);
      if (phase === null) return 'deny';
      const r = relationTo(principal, ref.person, directory);
      const party = r.chain || (r.self && facts.released);
      return grant(party && phase !== 'closed', party || hr);
    }
    case 'prefs': {
      const self = principal.personId === ref.user;
      return grant(self, self);
    }
  }
}
