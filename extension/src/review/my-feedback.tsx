import {
  readFeedback,
  readScorecard,
  type CycleSettings,
  type Directory,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import { FeedbackThread } from './feedback-thread.tsx';
import { cycleDocNames } from './review-model.ts';
import { useParsedDocs } from './use-doc.ts';

/**
 * The employee's view of a cycle (C5): nothing until the manager sends the report (the server
 * refuses the scorecard and the thread until then), then the report as sent, the thread to reply
 * in, and the acknowledgement.
 */
export function MyFeedback(props: {
  store: DocStore;
  org: string;
  me: string;
  cycle: CycleSettings;
  directory: Directory;
  t: Translate;
}) {
  const { t, cycle } = props;
  const names = cycleDocNames(props.org, cycle.id, props.me);
  const card = useParsedDocs(props.store, [names.scorecard], readScorecard).get(names.scorecard);
  const fb = useParsedDocs(props.store, [names.feedback], readFeedback).get(names.feedback);
  const sent = card?.value?.sentReport ?? null;
  if (card?.refused || (card?.synced && !sent)) {
    return (
      <p class="muted" data-testid="my-feedback-pending">
        {t('review.notReleased')}
      </p>
    );
  }
  if (!sent) return <p class="muted">{t('team.loading')}</p>;
  return (
    <article class="review-card" data-testid="my-feedback">
      <section class="card report">
        {sent.score && (
          <p class="score-line">
            <strong data-testid="my-score">{sent.score.display}</strong>{' '}
            <span class="muted">{sent.score.label ?? ''}</span>
          </p>
        )}
        <pre class="report-body" data-testid="my-report-body">
          {sent.body}
        </pre>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t('review.print')}
        </button>
      </section>
      <FeedbackThread
        doc={fb?.view?.opened.doc}
        view={fb?.value ?? null}
        directory={props.directory}
        me={props.me}
        canAcknowledge={cycle.phase !== 'closed'}
        canWrite={cycle.phase !== 'closed'}
        t={t}
      />
    </article>
  );
}
