import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  acknowledgeFeedback,
  addThreadMessage,
  type Directory,
  type FeedbackView,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { nowIso } from './review-model.ts';

/**
 * The conversation after a report is sent (C5.2-C5.3): both sides reply, the employee
 * acknowledges, the manager and HR see both.
 */
export function FeedbackThread(props: {
  doc: Y.Doc | undefined;
  view: FeedbackView | null;
  directory: Directory;
  me: string;
  canAcknowledge: boolean;
  canWrite: boolean;
  t: Translate;
}) {
  const { view, t } = props;
  const [text, setText] = useState('');
  const nameOf = (id: string): string => props.directory.people.get(id)?.name ?? id;
  const send = (event: Event): void => {
    event.preventDefault();
    if (!props.doc || text.trim() === '') return;
    const r = addThreadMessage(props.doc, {
      id: crypto.randomUUID(),
      authorId: props.me,
      at: nowIso(),
      text,
    });
    if (r.ok) setText('');
  };
  return (
    <section class="card thread" data-testid="feedback-thread">
      <h3>{t('review.thread')}</h3>
      {view?.thread.length ? (
        <ul class="notes">
          {view.thread.map((m) => (
            <li key={m.id} data-testid="thread-message" data-author={m.authorId}>
              <span class="muted small">
                {nameOf(m.authorId)} · {m.at.slice(0, 16).replace('T', ' ')}
              </span>
              <p>{m.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('review.noReplies')}</p>
      )}
      {props.canWrite && (
        <form class="note-form no-print" onSubmit={send}>
          <textarea
            data-testid="thread-input"
            rows={2}
            maxLength={4000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button
            type="submit"
            class="primary"
            data-testid="thread-send"
            disabled={text.trim() === ''}
          >
            {t('review.reply')}
          </button>
        </form>
      )}
      {view?.acknowledged ? (
        <p class="ok" data-testid="feedback-acknowledged">
          {t('review.acknowledgedBy', {
            name: nameOf(view.acknowledged.by),
            date: view.acknowledged.at.slice(0, 10),
          })}
        </p>
      ) : props.canAcknowledge ? (
        <button
          type="button"
          class="primary no-print"
          data-testid="feedback-acknowledge"
          disabled={!props.doc}
          onClick={() =>
            props.doc && acknowledgeFeedback(props.doc, { by: props.me, at: nowIso() })
          }
        >
          {t('review.acknowledge')}
        </button>
      ) : (
        <p class="muted small" data-testid="feedback-not-acknowledged">
          {t('review.notAcknowledged')}
        </p>
      )}
    </section>
  );
}
