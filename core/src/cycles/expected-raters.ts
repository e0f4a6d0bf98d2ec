import type { Directory } from '../docs/directory.ts';
import { managerChain } from '../docs/directory.ts';
import type { Person } from '../model/org.ts';
import type { RaterGroup } from '../scoring/raters.ts';
import type { CycleSettings } from './cycle-settings.ts';
import { cyclePopulation } from './population.ts';

/** One review a cycle expects: who rates whom, in which group (C3.1). */
export interface ExpectedReview {
  rateeId: string;
  raterId: string;
  group: RaterGroup;
}

function byId(a: Person, b: Person): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function active(p: Person | undefined): p is Person {
  return p !== undefined && p.status !== 'terminated';
}

/** Active people sharing a direct manager, by manager id, each list in id order. */
export function teamsByManager(directory: Directory): Map<string, Person[]> {
  const teams = new Map<string, Person[]>();
  for (const p of directory.people.values()) {
    if (!active(p) || p.managerId === null) continue;
    const list = teams.get(p.managerId) ?? [];
    list.push(p);
    teams.set(p.managerId, list);
  }
  for (const list of teams.values()) list.sort(byId);
  return teams;
}

/**
 * The peers asked to review a person (C3.2): the colleagues who share their direct manager, taken
 * in id order starting after the person and wrapping around, at most `peersPerPerson`. Walking the
 * ring spreads the work: in a team of n, each person writes as many peer reviews as they receive.
 */
export function peersOf(team: readonly Person[], personId: string, max: number): string[] {
  const index = team.findIndex((p) => p.id === personId);
  if (index < 0) return [];
  const out: string[] = [];
  for (let step = 1; step < team.length && out.length < max; step++) {
    out.push(team[(index + step) % team.length]!.id);
  }
  return out;
}

/**
 * The reviews a cycle expects for one person (C3.1): their self review, their direct manager's,
 * peers by C3.2, and, when the cycle asks for upward reviews, their direct reports'.
 */
export function expectedReviewsFor(
  directory: Directory,
  settings: CycleSettings,
  personId: string,
  teams: Map<string, Person[]> = teamsByManager(directory),
): ExpectedReview[] {
  const person = directory.people.get(personId);
  if (!active(person)) return [];
  const out: ExpectedReview[] = [{ rateeId: personId, raterId: personId, group: 'self' }];
  const manager = person.managerId === null ? undefined : directory.people.get(person.managerId);
  if (active(manager)) out.push({ rateeId: personId, raterId: manager.id, group: 'manager' });
  if (person.managerId !== null) {
    const team = teams.get(person.managerId) ?? [];
    for (const peer of peersOf(team, personId, settings.peersPerPerson)) {
      out.push({ rateeId: personId, raterId: peer, group: 'peers' });
    }
  }
  if (settings.upward) {
    for (const report of teams.get(personId) ?? []) {
      out.push({ rateeId: personId, raterId: report.id, group: 'upward' });
    }
  }
  return out;
}

/** Every review the cycle expects, for everyone in its population (C3.1). */
export function expectedReviews(directory: Directory, settings: CycleSettings): ExpectedReview[] {
  const teams = teamsByManager(directory);
  return cyclePopulation(directory, settings).flatMap((p) =>
    expectedReviewsFor(directory, settings, p.id, teams),
  );
}

/** The reviews one person is asked to write in the cycle: their inbox (C3.1). */
export function reviewsToWrite(
  directory: Directory,
  settings: CycleSettings,
  raterId: string,
): ExpectedReview[] {
  return expectedReviews(directory, settings).filter((r) => r.raterId === raterId);
}

/**
 * Whether `raterId` stands in a relation to `rateeId` that lets them review at all (C3.3): the
 * person themself, someone in their manager chain, a colleague with the same direct manager, or a
 * direct report. The permission function uses this so nobody can write a review of a stranger.
 */
export function mayReview(directory: Directory, rateeId: string, raterId: string): boolean {
  const ratee = directory.people.get(rateeId);
  const rater = directory.people.get(raterId);
  if (!active(ratee) || !active(rater)) return false;
  if (rateeId === raterId) return true;
  if (managerChain(directory.people, rateeId).includes(raterId)) return true;
  if (ratee.managerId !== null && rater.managerId === ratee.managerId) return true;
  return rater.managerId === rateeId;
}
