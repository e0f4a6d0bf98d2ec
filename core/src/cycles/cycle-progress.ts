import type { Directory } from '../docs/directory.ts';
import type { RaterGroup } from '../scoring/raters.ts';
import type { CycleSettings } from './cycle-settings.ts';
import { expectedReviewsFor, teamsByManager } from './expected-raters.ts';
import { cyclePopulation } from './population.ts';

/** What is known of one person's cycle documents; absent documents count as not done. */
export interface PersonCycleState {
  scorecardCreated: boolean;
  scorecardSubmitted: boolean;
  released: boolean;
  acknowledged: boolean;
  /** Rater ids whose review of this person is submitted. */
  submittedRaters: ReadonlySet<string>;
}

/** One thing somebody still has to do (C6.1). */
export interface OpenTask {
  /** Who has to act. */
  actorId: string;
  task:
    | 'self-review'
    | 'manager-review'
    | 'peer-review'
    | 'upward-review'
    | 'scorecard'
    | 'send-report'
    | 'acknowledge';
  /** Whose review, scorecard or report it is. */
  personId: string;
}

/** The progress of a cycle (C6.1): counts per step and the list of open tasks. */
export interface CycleProgress {
  people: number;
  reviews: Record<RaterGroup, { expected: number; submitted: number }>;
  scorecards: { created: number; submitted: number };
  released: number;
  acknowledged: number;
  open: OpenTask[];
}

const TASK: Record<RaterGroup, OpenTask['task']> = {
  self: 'self-review',
  manager: 'manager-review',
  peers: 'peer-review',
  upward: 'upward-review',
};

/**
 * Who has not done what (C6.1), over the cycle's population. `states` carries what the caller
 * could read; a person missing from it is counted as having nothing done, which is the safe side
 * for a reminder list.
 */
export function cycleProgress(
  directory: Directory,
  settings: CycleSettings,
  states: ReadonlyMap<string, PersonCycleState>,
): CycleProgress {
  const teams = teamsByManager(directory);
  const reviews = {
    self: { expected: 0, submitted: 0 },
    manager: { expected: 0, submitted: 0 },
    peers: { expected: 0, submitted: 0 },
    upward: { expected: 0, submitted: 0 },
  };
  const progress: CycleProgress = {
    people: 0,
    reviews,
    scorecards: { created: 0, submitted: 0 },
    released: 0,
    acknowledged: 0,
    open: [],
  };
  for (const person of cyclePopulation(directory, settings)) {
    progress.people += 1;
    const state = states.get(person.id);
    for (const r of expectedReviewsFor(directory, settings, person.id, teams)) {
      reviews[r.group].expected += 1;
      if (state?.submittedRaters.has(r.raterId)) reviews[r.group].submitted += 1;
      else progress.open.push({ actorId: r.raterId, task: TASK[r.group], personId: person.id });
    }
    const manager = person.managerId ?? '';
    if (state?.scorecardCreated) progress.scorecards.created += 1;
    if (state?.scorecardSubmitted) progress.scorecards.submitted += 1;
    else progress.open.push({ actorId: manager, task: 'scorecard', personId: person.id });
    if (state?.released) progress.released += 1;
    else progress.open.push({ actorId: manager, task: 'send-report', personId: person.id });
    if (state?.acknowledged) progress.acknowledged += 1;
    else if (state?.released)
      progress.open.push({ actorId: person.id, task: 'acknowledge', personId: person.id });
  }
  return progress;
}
