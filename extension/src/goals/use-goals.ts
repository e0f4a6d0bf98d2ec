import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  assembleGoalForest,
  checkAlignment,
  readGoalDoc,
  rollUp,
  type AlignmentReport,
  type Directory,
  type GoalForest,
  type RollUpEntry,
  type StoredGoal,
} from '../core-browser.ts';
import type { TokenClaims } from '../settings/token-claims.ts';
import type { DocStore } from '../store/doc-store.ts';
import { useDocs, type DocView } from '../ui/use-docs.ts';
import { goalDocNames } from './goal-doc-set.ts';
import { GoalUndo } from './goal-undo.ts';
import { editorsByGoal, type GoalPresence } from './presence.ts';

/** Everything the goal screens show, recomputed whenever one of the goal documents changes. */
export interface GoalsState {
  forest: GoalForest;
  rollUp: Map<string, RollUpEntry>;
  alignment: AlignmentReport;
  /** Open documents by name that loaded and were not refused: where goals can be written. */
  docs: Map<string, Y.Doc>;
  views: ReadonlyMap<string, DocView>;
  /** Documents the server refused (a peer's private goals, another team). */
  denied: string[];
  /** Who else edits which goal right now. */
  editors: Map<string, GoalPresence['user'][]>;
  undo: GoalUndo;
  loaded: boolean;
}

/**
 * Opens the goal documents of the signed-in person (see `goalDocNames`) and assembles them into
 * one tree with core's rules, then rolls progress up and checks alignment. Also keeps one undo
 * tracker for the panel's own edits and listens to presence on every document.
 */
export function useGoals(
  store: DocStore | null,
  claims: TokenClaims | null,
  directory: Directory | null,
): GoalsState {
  const names = useMemo(
    () => (claims && directory ? goalDocNames(claims, directory) : []),
    [claims, directory],
  );
  const { views, version } = useDocs(store, names);
  const undoRef = useRef<GoalUndo | null>(null);
  undoRef.current ??= new GoalUndo();
  const undo = undoRef.current;
  const [presenceVersion, bumpPresence] = useReducer((n: number, _: void) => n + 1, 0);

  useEffect(() => () => undo.destroy(), [undo]);

  // Presence: re-render when anyone's awareness changes on any open goal document.
  useEffect(() => {
    const stops: (() => void)[] = [];
    for (const view of views.values()) {
      const awareness = view.opened.awareness();
      if (awareness === null) continue;
      const onChange = (): void => bumpPresence();
      awareness.on('change', onChange);
      stops.push(() => awareness.off('change', onChange));
    }
    return () => stops.forEach((s) => s());
    // Awareness appears once a document has loaded and connected, which bumps `version`.
  }, [views, version]);

  return useMemo(() => {
    const docs = new Map<string, Y.Doc>();
    const denied: string[] = [];
    const stored: StoredGoal[] = [];
    let loaded = names.length > 0;
    for (const [name, view] of views) {
      if (view.connection.status === 'denied' && view.connection.code !== 4401) {
        denied.push(name);
        continue;
      }
      if (!view.loaded) {
        loaded = false;
        continue;
      }
      docs.set(name, view.opened.doc);
      undo.track(name, view.opened.doc);
      stored.push(...readGoalDoc(view.opened.doc, name).goals);
    }
    const org = claims?.org ?? '';
    const forest = assembleGoalForest(org, stored);
    const units = directory ? [...directory.units.values()] : [];
    const people = directory ? [...directory.people.values()] : [];
    const channels = [...views.values()].flatMap((v) => {
      const a = v.opened.awareness();
      return a ? [{ states: a.getStates(), selfClientId: a.clientID }] : [];
    });
    return {
      forest,
      rollUp: rollUp(forest.goals),
      alignment: checkAlignment(forest.goals, units, { people }),
      docs,
      views,
      denied: denied.sort(),
      editors: editorsByGoal(channels, claims?.personId ?? ''),
      undo,
      loaded,
    };
  }, [views, version, presenceVersion, names, claims, directory, undo]);
}
