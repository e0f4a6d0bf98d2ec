import { useEffect, useState } from 'preact/hooks';
import {
  readReview,
  saveReviewDraft,
  submitReview,
  type CycleSettings,
  type ExpectedReview,
  cycleScale,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import { cycleDocNames, nowIso, parseTyped, ratingEcho } from './review-model.ts';
import { useParsedDocs } from './use-doc.ts';

/**
 * One rater's review of one person (C3.4-C3.5): a rating on the cycle's scale (the scale HR chose
 * for the cycle, `cycleScale`) and two texts, kept as a draft in the rater's own document until
 * submitted. Nobody else can open it before. Submitting locks it, so it asks first, naming the
 * rating as read ("3,5" is read as 3.5 and shown so).
 */
export function ReviewForm(props: {
  store: DocStore;
  org: string;
  cycle: CycleSettings;
  review: ExpectedReview;
  rateeName: string;
  t: Translate;
}) {
  const { cycle, review, t } = props;
  const name = cycleDocNames(props.org, cycle.id, review.rateeId).review(review.raterId);
  const state = useParsedDocs(props.store, [name], readReview).get(name);
  const view = state?.value ?? null;
  const scale = cycleScale(cycle);
  const [rating, setRating] = useState('');
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [filled, setFilled] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);

  useEffect(() => {
    if (filled || !view || !state?.synced) return;
    setFilled(true);
    if (!view.content) return;
    setRating(view.content.rating === null ? '' : String(view.content.rating));
    setStrengths(view.content.strengths);
    setImprovements(view.content.improvements);
  }, [view, state?.synced, filled]);

  if (state?.refused) return <p class="warn">{t('review.refused')}</p>;
  const submitted = view?.submitted ?? null;
  const doc = state?.view?.opened.doc;

  // `submit` is 'ask' on the first click: check the rating, then ask before locking the review.
  const save = (submit: false | 'ask' | 'confirmed'): void => {
    setConfirming(null);
    if (!doc) return;
    const value = parseTyped(rating);
    if (rating.trim() !== '' && value === null) {
      setError(t('review.ratingNumber'));
      return;
    }
    if (submit === 'ask') {
      if (value === null || value < scale.min || value > scale.max) {
        setError(t('review.ratingRange', { min: scale.min, max: scale.max }));
        return;
      }
      setError(null);
      setConfirming(value);
      return;
    }
    const saved = saveReviewDraft(doc, {
      group: review.group,
      rating: value,
      strengths,
      improvements,
    });
    if (!saved.ok) return setError(saved.message);
    if (!submit) return setError(null);
    const done = submitReview(doc, scale, nowIso());
    setError(
      done.ok
        ? null
        : done.reason === 'rating-out-of-scale'
          ? t('review.ratingRange', { min: scale.min, max: scale.max })
          : done.message,
    );
  };

  return (
    <article
      class="card review-form"
      data-testid="review-form"
      data-group={review.group}
      data-ready={filled ? 'true' : 'false'}
    >
      <h2>
        {t(`review.group.${review.group}`)} · {props.rateeName}
      </h2>
      {review.group === 'peers' && <p class="muted small">{t('review.peerPrivacy')}</p>}
      <label>
        <span>{t('review.rating', { min: scale.min, max: scale.max })}</span>
        <input
          data-testid="review-rating"
          inputMode="decimal"
          value={rating}
          disabled={submitted !== null}
          onInput={(e) => {
            setRating(e.currentTarget.value);
            setConfirming(null);
          }}
        />
      </label>
      {submitted === null && ratingEcho(rating) !== null && (
        <p class="muted small" data-testid="review-rating-parsed">
          {t('review.ratingParsed', { value: ratingEcho(rating) ?? '' })}
        </p>
      )}
      <label>
        <span>{t('review.strengths')}</span>
        <textarea
          data-testid="review-strengths"
          rows={3}
          value={strengths}
          disabled={submitted !== null}
          onInput={(e) => setStrengths(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('review.improvements')}</span>
        <textarea
          data-testid="review-improvements"
          rows={3}
          value={improvements}
          disabled={submitted !== null}
          onInput={(e) => setImprovements(e.currentTarget.value)}
        />
      </label>
      {submitted ? (
        <p class="ok" data-testid="review-submitted">
          {t('review.submittedOn', { date: submitted.at.slice(0, 10) })}
        </p>
      ) : (
        <div class="actions">
          <button
            type="button"
            data-testid="review-save"
            disabled={!doc}
            onClick={() => save(false)}
          >
            {t('review.saveDraft')}
          </button>
          <button
            type="button"
            class="primary"
            data-testid="review-submit"
            disabled={!doc}
            onClick={() => save('ask')}
          >
            {t('review.submit')}
          </button>
        </div>
      )}
      {submitted === null && confirming !== null && (
        <div class="warn small" role="alert" data-testid="review-submit-confirm-box">
          <p>{t('review.confirmSubmit', { rating: confirming, min: scale.min, max: scale.max })}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="review-submit-confirm"
              onClick={() => save('confirmed')}
            >
              {t('review.confirmSubmitButton')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('review.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="warn small" data-testid="review-error">
          {error}
        </p>
      )}
    </article>
  );
}
