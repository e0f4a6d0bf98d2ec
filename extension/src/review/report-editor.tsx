import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  buildFeedbackReport,
  releaseReport,
  saveDraftReport,
  type FeedbackReport,
  type ReportInput,
  type ScorecardView,
} from '../core-browser.ts';
import type { Language } from '../i18n/i18n.ts';
import type { Translate } from '../i18n/i18n.ts';
import { nowIso } from './review-model.ts';

/**
 * One click builds the report (F1-F5); the manager edits its text and sends it (C5.1). After
 * sending, the text is what the employee reads and is shown read-only here.
 */
export function ReportEditor(props: {
  doc: Y.Doc | undefined;
  card: ScorecardView;
  input: Omit<ReportInput, 'language'>;
  language: Language;
  me: string;
  t: Translate;
}) {
  const { card, t } = props;
  const [language, setLanguage] = useState<Language>(props.language);
  const [error, setError] = useState<string | null>(null);
  const draft = card.draftReport;
  const sent = card.sentReport;

  if (sent) {
    return (
      <section class="card report" data-testid="report-sent">
        <h3>{t('review.reportSent', { date: card.released?.at.slice(0, 10) ?? '' })}</h3>
        <pre class="report-body" data-testid="report-body">
          {sent.body}
        </pre>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t('review.print')}
        </button>
      </section>
    );
  }
  const generate = (): void => {
    if (!props.doc) return;
    const report = buildFeedbackReport({ ...props.input, language });
    const r = saveDraftReport(props.doc, report);
    setError(r.ok ? null : r.message);
  };
  const edit = (body: string): void => {
    if (!props.doc || !draft) return;
    saveDraftReport(props.doc, { ...draft, body } satisfies FeedbackReport);
  };
  const send = (): void => {
    if (!props.doc || !draft) return;
    const r = releaseReport(props.doc, draft, { by: props.me, at: nowIso() });
    setError(r.ok ? null : r.reason === 'not-submitted' ? t('review.submitFirst') : r.message);
  };
  return (
    <section class="card report" data-testid="report-editor">
      <h3>{t('review.report')}</h3>
      <div class="actions no-print">
        <select
          data-testid="report-language"
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as Language)}
        >
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
        <button
          type="button"
          data-testid="report-generate"
          disabled={!props.doc}
          onClick={generate}
        >
          {draft ? t('review.regenerate') : t('review.generate')}
        </button>
      </div>
      {draft && (
        <>
          <textarea
            class="report-body"
            data-testid="report-draft"
            rows={16}
            value={draft.body}
            onInput={(e) => edit(e.currentTarget.value)}
          />
          <div class="actions no-print">
            <button type="button" onClick={() => window.print()}>
              {t('review.print')}
            </button>
            <button type="button" class="primary" data-testid="report-send" onClick={send}>
              {t('review.send')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p class="warn small" data-testid="report-error">
          {error}
        </p>
      )}
    </section>
  );
}
