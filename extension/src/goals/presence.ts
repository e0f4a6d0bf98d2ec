import type { Awareness } from 'y-protocols/awareness';

/**
 * Presence on goal documents: each panel publishes who it is and which goal it is editing through
 * the y-websocket awareness channel, so two managers see each other before they type over each
 * other. Awareness is not stored: it disappears when a panel closes or goes offline.
 */

/** What one panel publishes. */
export interface GoalPresence {
  user: { id: string; name: string; color: string };
  /** The goal whose editor is open, or null. */
  editing: string | null;
}

const COLORS = ['#0b7a75', '#b3541e', '#5b4bc4', '#a4267a', '#2f6f1f', '#8a6d00'];

/** A stable colour per person, so the same manager has the same colour on every screen. */
export function colorFor(personId: string): string {
  let h = 0;
  for (const ch of personId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] as string;
}

/** Publishes this panel's presence on one awareness channel. */
export function publishPresence(awareness: Awareness, presence: GoalPresence): void {
  const current = awareness.getLocalState() as Partial<GoalPresence> | null;
  if (
    current?.editing === presence.editing &&
    current?.user?.id === presence.user.id &&
    current?.user?.name === presence.user.name
  ) {
    return;
  }
  awareness.setLocalState({ ...presence });
}

function isPresence(value: unknown): value is GoalPresence {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<GoalPresence>;
  return (
    typeof v.user?.id === 'string' &&
    typeof v.user.name === 'string' &&
    (v.editing === null || typeof v.editing === 'string')
  );
}

/**
 * Who else is editing which goal, from the states of several awareness channels. The panel's own
 * states (its client ids) are left out; a person with two panels open counts once per goal.
 */
export function editorsByGoal(
  channels: readonly { states: ReadonlyMap<number, unknown>; selfClientId: number }[],
  selfPersonId: string,
): Map<string, GoalPresence['user'][]> {
  const out = new Map<string, GoalPresence['user'][]>();
  for (const { states, selfClientId } of channels) {
    for (const [clientId, state] of states) {
      if (clientId === selfClientId || !isPresence(state) || state.editing === null) continue;
      if (state.user.id === selfPersonId) continue;
      const list = out.get(state.editing) ?? [];
      if (!list.some((u) => u.id === state.user.id)) list.push(state.user);
      out.set(state.editing, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => (a.name < b.name ? -1 : 1));
  return out;
}
