import type { AlignmentReport, ForestIssue, Goal } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { alignmentText } from './alignment-text.ts';

/**
 * The alignment view: for the selected goal, its path up to the strategy; for all visible goals,
 * the orphans (no path), goals whose period sticks out of their parent's, and what the tree
 * assembly had to repair (loops cut by concurrent moves, children of deleted goals).
 */
export function AlignmentView(props: {
  report: AlignmentReport;
  issues: readonly ForestIssue[];
  goals: readonly Goal[];
  selectedId: string | null;
  t: Translate;
  onSelect: (goalId: string) => void;
}) {
  const { report, t } = props;
  const title = (id: string): string => props.goals.find((g) => g.id === id)?.title ?? id;
  const text = alignmentText(props.goals, t);
  const path = props.selectedId ? report.paths.get(props.selectedId) : undefined;
  const orphan = props.selectedId
    ? report.orphans.find((o) => o.goalId === props.selectedId)
    : undefined;
  return (
    <section class="alignment" data-testid="alignment">
      {props.selectedId && (
        <div data-testid="alignment-path" data-aligned={path ? 'true' : 'false'}>
          <h3>{t('goals.alignment.path')}</h3>
          {path ? (
            <ol class="working">
              {path.path.map((id) => (
                <li key={id} data-goal-id={id}>
                  {title(id)}
                </li>
              ))}
            </ol>
          ) : (
            <p class="issue-warning">
              {orphan ? text.orphan(orphan) : t('goals.alignment.noPath')}
            </p>
          )}
        </div>
      )}
      <h3>{t('goals.alignment.orphans', { count: report.orphans.length })}</h3>
      <ul>
        {report.orphans.map((o) => (
          <li key={o.goalId} data-testid="alignment-orphan" data-goal-id={o.goalId}>
            <button type="button" class="link" onClick={() => props.onSelect(o.goalId)}>
              {title(o.goalId)}
            </button>{' '}
            <span class="muted small">{text.orphan(o)}</span>
          </li>
        ))}
      </ul>
      <h3>{t('goals.alignment.periods', { count: report.periodOutsideParent.length })}</h3>
      <ul>
        {report.periodOutsideParent.map((p) => (
          <li key={p.goalId} data-testid="alignment-period" data-goal-id={p.goalId}>
            {text.period(p)}
          </li>
        ))}
      </ul>
      <h3>{t('goals.alignment.repairs', { count: props.issues.length })}</h3>
      <ul>
        {props.issues.map((i, n) => (
          <li key={n} data-testid="forest-issue" data-code={i.code} data-goal-id={i.goalId}>
            {text.repair(i)}
          </li>
        ))}
      </ul>
    </section>
  );
}
