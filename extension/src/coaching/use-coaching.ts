import { useMemo } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  buildTeamDashboard,
  PaceSettings,
  type DashboardPerson,
  type Directory,
  type Reminder,
} from '../core-browser.ts';
import type { TokenClaims } from '../settings/token-claims.ts';
import type { DocStore } from '../store/doc-store.ts';
import { useDocs, type DocView } from '../ui/use-docs.ts';
import {
  checkInIndexOf,
  coachingDocNames,
  readCoachingData,
  remindersFor,
  type CoachingData,
  type CoachingDocNames,
} from './coaching-model.ts';

/** What the coaching screens show, recomputed whenever one of their documents changes. */
export interface CoachingState {
  names: CoachingDocNames | null;
  data: CoachingData | null;
  /** Loaded documents that the server did not refuse, by name: where edits may be written. */
  docs: Map<string, Y.Doc>;
  views: ReadonlyMap<string, DocView>;
  /** Document names the server refused (an employee opening their own coaching log). */
  denied: Set<string>;
  dashboard: DashboardPerson[];
  reminders: Reminder[];
}

/**
 * Opens the goal documents, the coaching logs of the manager's people and the manager's prefs,
 * and derives the dashboard and the reminder inbox from them with core's rules (the same ones
 * the background worker runs).
 */
export function useCoaching(
  store: DocStore | null,
  claims: TokenClaims | null,
  directory: Directory | null,
  extraPeople: readonly string[] = [],
): CoachingState {
  const names = useMemo(() => {
    if (!claims || !directory) return null;
    const base = coachingDocNames(claims, directory);
    for (const p of extraPeople) {
      if (!base.coaching.has(p)) {
        base.coaching.set(p, `org/${claims.org}/person/${p}/coaching`);
      }
    }
    return base;
  }, [claims, directory, extraPeople.join('|')]);
  const list = useMemo(
    () => (names ? [...names.goals, ...names.coaching.values(), names.prefs] : []),
    [names],
  );
  const { views, version } = useDocs(store, list);

  return useMemo(() => {
    const docs = new Map<string, Y.Doc>();
    const denied = new Set<string>();
    for (const [name, view] of views) {
      const refused = view.connection.status === 'denied' && view.connection.code !== 4401;
      if (refused) denied.add(name);
      else if (view.loaded) docs.set(name, view.opened.doc);
    }
    if (!names || !directory || !claims) {
      return { names, data: null, docs, views, denied, dashboard: [], reminders: [] };
    }
    const data = readCoachingData(docs, names, directory);
    const now = new Date();
    const dashboard = buildTeamDashboard({
      now,
      timeZone: data.timeZone,
      managerId: claims.personId,
      people: [...directory.people.values()],
      goals: data.goals,
      checkIns: checkInIndexOf(data),
      pace: PaceSettings.parse({}),
    });
    const reminders = remindersFor(data, directory, claims.personId, now);
    return { names, data, docs, views, denied, dashboard, reminders };
  }, [views, version, names, directory, claims]);
}
