import {
  orgOfGoalId,
  type ForestIssue,
  type Goal,
  type OrphanFinding,
  type PeriodFinding,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';

/**
 * The alignment view's sentences in the panel's language, naming goals by title. Core's findings
 * carry English messages with goal ids (right for logs and the CLI); the panel rebuilds each from
 * the finding's structured fields instead.
 */
export interface AlignmentText {
  orphan(o: OrphanFinding): string;
  period(p: PeriodFinding): string;
  repair(i: ForestIssue): string;
}

/** Builds the sentences for a set of visible goals; an unknown id is shown as it is. */
export function alignmentText(goals: readonly Goal[], t: Translate): AlignmentText {
  const byId = new Map(goals.map((g) => [g.id, g]));
  const title = (id: string): string => byId.get(id)?.title || id;
  return {
    orphan(o) {
      const goal = title(o.goalId);
      if (o.reason === 'parent-missing') return t('goals.alignment.orphan.parentMissing', { goal });
      if (o.reason === 'parent-cycle') return t('goals.alignment.orphan.cycle', { goal });
      if (o.reason !== 'orphan') return t('goals.alignment.orphan.other', { goal });
      const top = o.path[o.path.length - 1] ?? o.goalId;
      return top === o.goalId
        ? t('goals.alignment.orphan.selfTop', { goal })
        : t('goals.alignment.orphan.topNotCompany', { goal, top: title(top) });
    },
    period(p) {
      const goal = byId.get(p.goalId);
      const parent = byId.get(p.parentId);
      return t('goals.alignment.period', {
        goal: title(p.goalId),
        start: goal?.periodStart ?? '',
        end: goal?.periodEnd ?? '',
        parent: title(p.parentId),
        parentStart: parent?.periodStart ?? '',
        parentEnd: parent?.periodEnd ?? '',
      });
    },
    repair(i) {
      const goal = title(i.goalId);
      switch (i.code) {
        case 'cycle-cut':
          return t('goals.repair.cycleCut', { goal });
        case 'parent-deleted': {
          const shown = byId.get(i.goalId)?.parentId ?? null;
          return shown === null
            ? t('goals.repair.parentDeletedTop', { goal })
            : t('goals.repair.parentDeleted', { goal, shown: title(shown) });
        }
        case 'parent-missing':
          return t('goals.repair.parentMissing', { goal });
        case 'parent-other-org':
          return t('goals.repair.parentOtherOrg', { goal, org: orgOfGoalId(i.parentId) ?? '?' });
        case 'duplicate-id':
          return t('goals.repair.duplicate', { goal });
        case 'visibility-misplaced':
          return byId.get(i.goalId)?.visibility === 'private'
            ? t('goals.repair.privateInShared', { goal })
            : t('goals.repair.publicInPrivate', { goal });
      }
    },
  };
}
