import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import {
  decideAccess,
  makeGoalId,
  parseDocName,
  setGoalDeleted,
  setGoalProgress,
  type Directory,
  type Goal,
} from '../core-browser.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import type { TokenClaims } from '../settings/token-claims.ts';
import type { DocStore } from '../store/doc-store.ts';
import { AlignmentView } from './alignment-view.tsx';
import { DecompositionWizard } from './decomposition-wizard.tsx';
import type { Recipient } from './decomposition.ts';
import { headcount } from './draft-team-goals.ts';
import { GoalEditor, type OwnerOption } from './goal-editor.tsx';
import {
  conflictsOf,
  draftOf,
  saveGoal,
  type DraftField,
  type GoalConflict,
  type GoalDraft,
} from './goal-form.ts';
import { GoalTreeView, percent } from './goal-tree-view.tsx';
import { colorFor, publishPresence } from './presence.ts';
import { TeamDraftPanel } from './team-draft-panel.tsx';
import { useGoals } from './use-goals.ts';
import './goals.css';

type Mode =
  | { kind: 'tree' }
  | { kind: 'alignment' }
  | { kind: 'edit'; draft: GoalDraft; isNew: boolean }
  | { kind: 'wizard' }
  | { kind: 'draft-team' };

/**
 * The goals screen: the tree of every goal the signed-in person can see, assembled across the
 * strategy, team and private documents, with an editor, the decomposition wizard, one-click team
 * drafts, the alignment view, presence of other editors and an undo of this panel's own edits.
 */
export function GoalsScreen(props: {
  store: DocStore | null;
  claims: TokenClaims;
  directory: Directory | null;
  language: Language;
  t: Translate;
}) {
  const { claims, directory, t } = props;
  const org = claims.org;
  const goals = useGoals(props.store, claims, directory);
  const [mode, setMode] = useState<Mode>({ kind: 'tree' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [progressText, setProgressText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [, rerender] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => goals.undo.subscribe(() => rerender()), [goals.undo]);

  const principal = { personId: claims.personId, org, role: claims.role };
  const canWrite = (name: string | undefined): boolean => {
    const ref = name ? parseDocName(name) : null;
    return !!(ref && directory && decideAccess(principal, ref, directory) === 'write');
  };
  const goalList = goals.forest.goals;
  const selected = goalList.find((g) => g.id === selectedId) ?? null;
  const selectedDoc = selected ? goals.forest.docOf.get(selected.id) : undefined;
  const newId = (): string => makeGoalId(org, crypto.randomUUID());
  const me = directory?.people.get(claims.personId);

  const owners = useMemo<OwnerOption[]>(() => {
    if (!directory) return [];
    const out: OwnerOption[] = [];
    for (const u of [...directory.units.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = u.kind === 'company' ? `org/${org}/strategy` : `org/${org}/team/${u.id}`;
      if (goals.docs.has(name) && canWrite(name)) {
        out.push({ kind: 'unit', id: u.id, label: u.name });
      }
    }
    for (const name of goals.docs.keys()) {
      const ref = parseDocName(name);
      if (ref?.kind !== 'person-private' || !canWrite(name)) continue;
      const person = directory.people.get(ref.person);
      out.push({ kind: 'person', id: ref.person, label: person?.name ?? ref.person });
    }
    return out;
  }, [directory, goals.docs, org]);

  // Presence: tell the others which goal this panel edits, on that goal's document only (a goal
  // id is not announced where its document cannot be read).
  const editingId = mode.kind === 'edit' ? mode.draft.id : null;
  const editingDoc = editingId ? goals.forest.docOf.get(editingId) : undefined;
  useEffect(() => {
    if (!directory) return;
    const user = {
      id: claims.personId,
      name: me?.name ?? claims.personId,
      color: colorFor(claims.personId),
    };
    for (const [name, view] of goals.views) {
      const awareness = view.opened.awareness();
      if (awareness)
        publishPresence(awareness, { user, editing: name === editingDoc ? editingId : null });
    }
  }, [goals.views, goals, editingId, editingDoc, directory]);

  const save = (
    goal: Goal,
    currentDoc: string | null,
    base: GoalDraft | null,
    overwrite: readonly DraftField[] = [],
  ): string | GoalConflict[] | null => {
    if (!directory) return t('goals.loading');
    const saved = saveGoal({
      goal,
      org,
      directory,
      docs: goals.docs,
      currentDoc,
      base,
      overwrite,
      now: Date.now(),
      origin: goals.undo.origin,
    });
    if (!saved.ok) return saved.reason === 'conflict' ? conflictsOf(saved) : saved.message;
    if (!canWrite(saved.value)) return t('goals.readOnly');
    return null;
  };
  const createMany = (list: Goal[]): string | null => {
    for (const g of list) {
      const error = save(g, null, null);
      if (typeof error === 'string') return error;
    }
    setMode({ kind: 'tree' });
    setSelectedId(list[0]?.parentId ?? null);
    return null;
  };

  const startNew = (): void => {
    const owner = owners.find((o) => o.kind === 'unit') ?? owners[0];
    const year = new Date().getFullYear();
    setMode({
      kind: 'edit',
      isNew: true,
      draft: {
        ...draftOf({
          id: newId(),
          title: '',
          owner: { kind: owner?.kind ?? 'person', id: owner?.id ?? claims.personId },
          contributors: [],
          parentId: selected?.id ?? null,
          periodStart: selected?.periodStart ?? `${year}-01-01`,
          periodEnd: selected?.periodEnd ?? `${year}-12-31`,
          weight: null,
          status: 'active',
          visibility: 'public',
          kind: 'metric',
          metric: null,
          milestones: [],
        }),
      },
    });
  };

  const recipients = (parent: Goal): Recipient[] => {
    if (!directory) return [];
    if (parent.owner.kind === 'unit' && directory.units.get(parent.owner.id)?.kind === 'team') {
      return [...directory.people.values()]
        .filter((p) => p.unitId === parent.owner.id && p.status !== 'terminated')
        .filter((p) => canWrite(`org/${org}/team/${p.unitId}`))
        .map((p) => ({ kind: 'person' as const, id: p.id, label: p.name, basisValue: 1 }));
    }
    const mine = new Set(owners.filter((o) => o.kind === 'unit').map((o) => o.id));
    return [...directory.units.values()]
      .filter((u) => u.kind !== 'company' && mine.has(u.id) && u.id !== parent.owner.id)
      .filter((u) => u.kind === 'team' || u.parentId === parent.owner.id)
      .map((u) => ({
        kind: 'unit' as const,
        id: u.id,
        label: u.name,
        basisValue: headcount(directory, u.id),
      }));
  };

  const teams = directory
    ? [...directory.units.values()].filter(
        (u) => u.kind === 'team' && owners.some((o) => o.kind === 'unit' && o.id === u.id),
      )
    : [];

  let body;
  if (!directory || !goals.loaded) {
    body = (
      <p class="muted" data-testid="goals-loading">
        {t('goals.loading')}
      </p>
    );
  } else if (mode.kind === 'edit') {
    const current = goals.forest.docOf.get(mode.draft.id) ?? null;
    body = (
      <GoalEditor
        initial={mode.draft}
        isNew={mode.isNew}
        org={org}
        goals={goalList}
        owners={owners}
        language={props.language}
        t={t}
        onSave={(goal, overwrite) => {
          const error = mode.isNew
            ? save(goal, null, null)
            : save(goal, current, mode.draft, overwrite);
          if (error === null) {
            setSelectedId(goal.id);
            setMode({ kind: 'tree' });
          }
          return error;
        }}
        onCancel={() => setMode({ kind: 'tree' })}
      />
    );
  } else if (mode.kind === 'wizard' && selected) {
    body = (
      <DecompositionWizard
        parent={selected}
        candidates={recipients(selected)}
        t={t}
        newId={newId}
        onCreate={createMany}
        onClose={() => setMode({ kind: 'tree' })}
      />
    );
  } else if (mode.kind === 'draft-team' && selected) {
    body = (
      <TeamDraftPanel
        parent={selected}
        teams={teams}
        directory={directory}
        language={props.language}
        t={t}
        newId={newId}
        onCreate={createMany}
        onClose={() => setMode({ kind: 'tree' })}
      />
    );
  } else if (mode.kind === 'alignment') {
    body = (
      <AlignmentView
        report={goals.alignment}
        issues={goals.forest.issues}
        goals={goalList}
        selectedId={selectedId}
        t={t}
        onSelect={setSelectedId}
      />
    );
  } else {
    const entry = selected ? goals.rollUp.get(selected.id) : undefined;
    const writable = canWrite(selectedDoc);
    body = (
      <>
        {selected && (
          <section class="goal-detail" data-testid="goal-detail" data-goal-id={selected.id}>
            <strong>{selected.title}</strong>
            <span class="muted small">
              {percent(entry?.progress ?? null)} · {selected.periodStart} – {selected.periodEnd}
              {selected.metric &&
                ` · ${selected.metric.start} → ${selected.metric.target} ${selected.metric.unit}`}
            </span>
            {writable ? (
              <div class="goal-actions">
                <button
                  type="button"
                  data-testid="goal-edit"
                  onClick={() => setMode({ kind: 'edit', isNew: false, draft: draftOf(selected) })}
                >
                  {t('goals.edit')}
                </button>
                <button
                  type="button"
                  data-testid="goal-decompose"
                  onClick={() => setMode({ kind: 'wizard' })}
                  disabled={selected.metric === null}
                >
                  {t('goals.decompose')}
                </button>
                <button
                  type="button"
                  data-testid="goal-draft-team"
                  onClick={() => setMode({ kind: 'draft-team' })}
                  disabled={teams.length === 0}
                >
                  {t('goals.draftTeam')}
                </button>
                <button
                  type="button"
                  data-testid="goal-delete"
                  onClick={() => {
                    const doc = selectedDoc ? goals.docs.get(selectedDoc) : undefined;
                    if (doc) setGoalDeleted(doc, selected.id, true, { origin: goals.undo.origin });
                    setSelectedId(null);
                  }}
                >
                  {t('goals.delete')}
                </button>
              </div>
            ) : (
              <div class="goal-actions">
                <span class="muted small" data-testid="goal-read-only">
                  {t('goals.readOnly')}
                </span>
                {teams.length > 0 && (
                  <button
                    type="button"
                    data-testid="goal-draft-team"
                    onClick={() => setMode({ kind: 'draft-team' })}
                  >
                    {t('goals.draftTeam')}
                  </button>
                )}
              </div>
            )}
            {writable && selected.metric && (
              <form
                class="goal-actions"
                onSubmit={(e) => {
                  e.preventDefault();
                  const doc = selectedDoc ? goals.docs.get(selectedDoc) : undefined;
                  const value = Number(progressText.replace(',', '.'));
                  const result =
                    doc && progressText.trim() !== '' && Number.isFinite(value)
                      ? setGoalProgress(doc, selected.id, value, { origin: goals.undo.origin })
                      : null;
                  setMessage(result?.ok ? null : t('goals.progress.invalid'));
                  if (result?.ok) setProgressText('');
                }}
              >
                <input
                  inputMode="decimal"
                  data-testid="goal-progress-input"
                  placeholder={t('goals.progress.placeholder')}
                  value={progressText}
                  onInput={(e) => setProgressText((e.currentTarget as HTMLInputElement).value)}
                />
                <button type="submit" data-testid="goal-progress-save">
                  {t('goals.progress.save')}
                </button>
              </form>
            )}
            {message && (
              <p class="issue-error" data-testid="goal-message">
                {message}
              </p>
            )}
          </section>
        )}
        <GoalTreeView
          goals={goalList}
          rollUp={goals.rollUp}
          editors={goals.editors}
          selectedId={selectedId}
          docOf={goals.forest.docOf}
          ownerName={(g) =>
            g.owner.kind === 'unit'
              ? (directory.units.get(g.owner.id)?.name ?? g.owner.id)
              : (directory.people.get(g.owner.id)?.name ?? g.owner.id)
          }
          t={t}
          onSelect={setSelectedId}
        />
      </>
    );
  }

  return (
    <section data-testid="goals-screen" data-goal-count={goalList.length}>
      <div class="goals-bar">
        <button
          type="button"
          data-testid="goals-tab-tree"
          aria-pressed={mode.kind === 'tree'}
          onClick={() => setMode({ kind: 'tree' })}
        >
          {t('goals.tab.tree')}
        </button>
        <button
          type="button"
          data-testid="goals-tab-alignment"
          aria-pressed={mode.kind === 'alignment'}
          onClick={() => setMode({ kind: 'alignment' })}
        >
          {t('goals.tab.alignment')}
          {goals.alignment.orphans.length + goals.forest.issues.length > 0 &&
            ` (${goals.alignment.orphans.length + goals.forest.issues.length})`}
        </button>
        <span class="spacer" />
        <button
          type="button"
          data-testid="goal-new"
          onClick={startNew}
          disabled={owners.length === 0}
        >
          {t('goals.new')}
        </button>
        <button
          type="button"
          data-testid="goals-undo"
          disabled={!goals.undo.canUndo()}
          onClick={() => goals.undo.undo()}
        >
          {t('goals.undo')}
        </button>
        <button
          type="button"
          data-testid="goals-redo"
          disabled={!goals.undo.canRedo()}
          onClick={() => goals.undo.redo()}
        >
          {t('goals.redo')}
        </button>
      </div>
      {goals.denied.length > 0 && (
        <p class="muted small" data-testid="goals-denied" data-count={goals.denied.length}>
          {t('goals.denied', { count: goals.denied.length })}
        </p>
      )}
      {body}
    </section>
  );
}
