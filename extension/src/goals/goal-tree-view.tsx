import type { Goal, RollUpEntry } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { GoalPresence } from './presence.ts';

/** Formats a progress fraction as a whole percentage; over 100% stays visible. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

interface TreeProps {
  goals: readonly Goal[];
  rollUp: ReadonlyMap<string, RollUpEntry>;
  editors: ReadonlyMap<string, GoalPresence['user'][]>;
  selectedId: string | null;
  docOf: ReadonlyMap<string, string>;
  ownerName: (goal: Goal) => string;
  t: Translate;
  onSelect: (goalId: string) => void;
}

function Node(props: TreeProps & { goal: Goal; kidsOf: Map<string | null, Goal[]> }) {
  const { goal, rollUp, editors, t } = props;
  const entry = rollUp.get(goal.id);
  const kids = props.kidsOf.get(goal.id) ?? [];
  const who = editors.get(goal.id) ?? [];
  const bar = Math.max(0, Math.min(1, entry?.clamped ?? 0));
  return (
    <li
      class="goal-node"
      data-testid="goal-node"
      data-goal-id={goal.id}
      data-parent-id={goal.parentId ?? ''}
      data-doc={props.docOf.get(goal.id) ?? ''}
      data-visibility={goal.visibility}
    >
      <button
        type="button"
        class="goal-row"
        aria-current={props.selectedId === goal.id}
        data-testid="goal-row"
        onClick={() => props.onSelect(goal.id)}
      >
        <span class="goal-title" data-testid="goal-title">
          {goal.visibility === 'private' ? '🔒 ' : ''}
          {goal.title}
          <span class="muted small">
            {' · '}
            {props.ownerName(goal)}
            {goal.status === 'draft' ? ` · ${t('goals.status.draft')}` : ''}
          </span>
        </span>
        {who.map((u) => (
          <span
            key={u.id}
            class="presence"
            style={{ background: u.color }}
            data-testid="goal-presence"
            data-person-id={u.id}
            title={t('goals.presence.editing', { name: u.name })}
          >
            {u.name.split(' ')[0]}
          </span>
        ))}
        <span class="goal-progress" data-testid="goal-progress">
          {percent(entry?.progress ?? null)}
        </span>
      </button>
      <div class="goal-bar">
        <span style={{ width: `${bar * 100}%` }} />
      </div>
      {kids.length > 0 && (
        <ul>
          {kids.map((k) => (
            <Node key={k.id} {...props} goal={k} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The goal tree: top goals first, children indented, progress and who is editing on each row. */
export function GoalTreeView(props: TreeProps) {
  const ids = new Set(props.goals.map((g) => g.id));
  const children = new Map<string | null, Goal[]>();
  for (const g of props.goals) {
    // A goal whose parent is not visible here is shown at the top, not hidden.
    const key = g.parentId !== null && ids.has(g.parentId) ? g.parentId : null;
    children.set(key, [...(children.get(key) ?? []), g]);
  }
  for (const list of children.values()) list.sort((a, b) => (a.title < b.title ? -1 : 1));
  const roots = children.get(null) ?? [];
  if (roots.length === 0) {
    return (
      <p class="muted" data-testid="goals-empty">
        {props.t('goals.empty')}
      </p>
    );
  }
  return (
    <ul class="goal-tree" data-testid="goal-tree">
      {roots.map((g) => (
        <Node key={g.id} {...props} goal={g} kidsOf={children} />
      ))}
    </ul>
  );
}
