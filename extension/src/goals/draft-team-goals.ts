import {
  goalsFor,
  guessIndustry,
  suggestedTarget,
  type Industry,
} from '@firstline/fixtures/library/index';
import type { Directory, Goal, Unit, WorkingStep } from '../core-browser.ts';
import { childGoals, decompose } from './decomposition.ts';

/**
 * One-click drafting of a team's goals from a parent goal and the industry library: the team's
 * share of the parent's figures (by headcount among the parent owner's teams, so sibling teams that
 * draft theirs get parts that add back to the parent), plus the library's goals for the team's
 * industry. Everything is created as a draft for the manager to adjust.
 */

/** The drafts and how they were reached. */
export interface TeamDraft {
  goals: Goal[];
  industry: Industry | null;
  steps: WorkingStep[];
}

/** People in a unit who are not terminated: the unit's headcount. */
export function headcount(directory: Pick<Directory, 'people'>, unitId: string): number {
  let n = 0;
  for (const p of directory.people.values())
    if (p.unitId === unitId && p.status !== 'terminated') n += 1;
  return n;
}

/**
 * The units a parent goal is shared among: the teams below the parent's owning unit (for a company
 * goal, the teams of the department `team` is in), so each team's share is stable whoever drafts.
 */
export function siblingTeams(directory: Pick<Directory, 'units'>, team: Unit): Unit[] {
  if (team.parentId === null) return [team];
  return [...directory.units.values()]
    .filter((u) => u.parentId === team.parentId && u.kind === team.kind)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Fills a library title pattern. */
function fill(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** Drafts a team's goals under `parent`. */
export function draftTeamGoals(input: {
  parent: Goal;
  team: Unit;
  directory: Pick<Directory, 'units' | 'people'>;
  locale: 'en' | 'zh-CN';
  newId: () => string;
  industry?: Industry | null;
}): TeamDraft {
  const { parent, team, directory, locale, newId } = input;
  const departmentName = team.parentId ? (directory.units.get(team.parentId)?.name ?? '') : '';
  const industry = input.industry ?? guessIndustry(team.name, departmentName);
  const goals: Goal[] = [];
  const steps: WorkingStep[] = [];
  if (parent.metric !== null) {
    const siblings = siblingTeams(directory, team);
    const recipients = siblings.map((u) => ({
      kind: 'unit' as const,
      id: u.id,
      label: u.name,
      basisValue: Math.max(headcount(directory, u.id), 0),
    }));
    const usable = recipients.every((r) => r.basisValue > 0)
      ? recipients
      : recipients.map((r) => ({ ...r, basisValue: 1 }));
    const split = decompose(parent, usable, 'headcount', parent.metric.unit === '%' ? 1 : 0);
    if (split.ok) {
      const mine = split.value.parts.findIndex((p) => p.recipient.id === team.id);
      const [goal] = childGoals(
        parent,
        { parts: split.value.parts.slice(mine, mine + 1), steps: [] },
        newId,
        () => `${parent.title} — ${team.name}`,
      );
      if (goal) goals.push({ ...goal, status: 'draft' });
      steps.push(...split.value.steps);
    }
  }
  if (industry !== null) {
    for (const { goal, indicator } of goalsFor(industry)
      .filter((g) => g.goal.cascade === 'same-for-each')
      .slice(0, 2)) {
      const scale = 10 ** indicator.decimals;
      const start = Math.round(((indicator.range.low + indicator.range.high) / 2) * scale) / scale;
      const target = suggestedTarget(indicator, goal, start);
      goals.push({
        id: newId(),
        title: fill(goal.title[locale], {
          start,
          target,
          unit: indicator.unit,
          date: parent.periodEnd,
        }),
        owner: { kind: 'unit', id: team.id },
        contributors: [],
        parentId: parent.id,
        periodStart: parent.periodStart,
        periodEnd: parent.periodEnd,
        weight: null,
        status: 'draft',
        visibility: 'public',
        kind: 'metric',
        metric: {
          unit: indicator.unit,
          start,
          target,
          current: null,
          direction: indicator.direction,
        },
        milestones: [],
      });
      steps.push({
        code: 'library-goal',
        text: `${indicator.name.en}: start ${start}${indicator.unit} (middle of the library range ${indicator.range.low}-${indicator.range.high}), target ${target}${indicator.unit}.`,
        values: { indicator: indicator.key, start, target },
      });
    }
  }
  return { goals, industry, steps };
}
