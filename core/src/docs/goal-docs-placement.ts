import type { Directory } from './directory.ts';
import { docName, type DocRef } from './names.ts';
import type { Goal } from '../model/performance.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { GoalDocTarget } from './goal-docs.ts';

/**
 * Which document a goal is written to. The document decides who can see the goal (see
 * THREAT_MODEL.md), so placement follows visibility first and ownership second.
 */

/** Why a goal has no document to go to. */
export type PlacementFailure = 'private-needs-person' | 'unknown-owner' | 'person-without-unit';

/**
 * The document of a goal: a private goal goes to its owner's private document (only a person can
 * own one); a goal owned by the company unit to the strategy document; a goal owned by any other
 * unit to that unit's team document; a person's public goal to the team document of their unit.
 */
export function placeGoal(
  org: string,
  goal: Pick<Goal, 'owner' | 'visibility'>,
  directory: Pick<Directory, 'units' | 'people'>,
): Result<GoalDocTarget, PlacementFailure> {
  const target = (ref: DocRef, isPrivate: boolean): GoalDocTarget => ({
    docName: docName(ref),
    org,
    private: isPrivate,
  });
  if (goal.visibility === 'private') {
    if (goal.owner.kind !== 'person') {
      return fail('private-needs-person', 'Only a person can own a private goal.');
    }
    if (!directory.people.has(goal.owner.id)) {
      return fail('unknown-owner', `There is no person ${goal.owner.id} in the directory.`);
    }
    return ok(target({ kind: 'person-private', org, person: goal.owner.id }, true));
  }
  if (goal.owner.kind === 'unit') {
    const unit = directory.units.get(goal.owner.id);
    if (unit === undefined) {
      return fail('unknown-owner', `There is no unit ${goal.owner.id} in the directory.`);
    }
    return ok(
      unit.kind === 'company'
        ? target({ kind: 'strategy', org }, false)
        : target({ kind: 'team', org, unit: unit.id }, false),
    );
  }
  const person = directory.people.get(goal.owner.id);
  if (person === undefined) {
    return fail('unknown-owner', `There is no person ${goal.owner.id} in the directory.`);
  }
  if (person.unitId === null) {
    return fail('person-without-unit', `${person.name} belongs to no unit, so has no team goals.`);
  }
  return ok(target({ kind: 'team', org, unit: person.unitId }, false));
}

/** The write target for an already named goal document (null for a name that holds no goals). */
export function goalDocTarget(name: string, ref: DocRef | null): GoalDocTarget | null {
  if (ref === null) return null;
  if (ref.kind === 'strategy' || ref.kind === 'team') {
    return { docName: name, org: ref.org, private: false };
  }
  if (ref.kind === 'person-private') return { docName: name, org: ref.org, private: true };
  return null;
}
