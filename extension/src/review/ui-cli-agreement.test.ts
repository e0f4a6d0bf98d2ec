import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDirectory, testSettings, testSettingsJson } from '@firstline/core/cycles/testing';
import { runFirstline as firstline } from '@firstline/fixtures/firstline-process';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  expectedReviewsFor,
  initScorecard,
  planScorecards,
  readReview,
  readScorecard,
  saveReviewDraft,
  setActual,
  submitReview,
  type ReviewView,
} from '../core-browser.ts';
import { finalScore, liveScore, parseTyped, submittedReviews } from './review-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstline-agree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What another client sees of a document: its state sent as one update into a fresh doc. */
function synced(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** A rater's review written as the review form does: the typed text parsed, saved, submitted. */
function reviewDoc(group: 'self' | 'manager' | 'peers', typed: string, submit: boolean): Y.Doc {
  const doc = new Y.Doc();
  const saved = saveReviewDraft(doc, {
    group,
    rating: parseTyped(typed),
    strengths: '',
    improvements: '',
  });
  if (!saved.ok) throw new Error(saved.message);
  if (submit) {
    const done = submitReview(doc, { min: 1, max: 5 }, '2026-11-20T09:00:00Z');
    if (!done.ok) throw new Error(done.message);
  }
  return synced(doc);
}

describe('the side panel and `firstline score FILE` agree (S7, C2.5)', () => {
  it('C2.5 S7.5 a card scored in the panel and the same card typed into a file by HR give the same breakdown, to the last decimal', async () => {
    // HR creates the cycle's cards the way the cycle screen does (C2.3), into a scorecard doc.
    const directory = testDirectory();
    const settings = testSettings();
    const snapshot = planScorecards(directory, settings, '2026-01-05').find(
      (s) => s.personId === 'a1',
    );
    if (!snapshot) throw new Error('no snapshot for a1');
    const cardDoc = new Y.Doc();
    expect(initScorecard(cardDoc, snapshot).ok).toBe(true);

    // The manager types the figures in the panel (a comma decimal too).
    const typed = { absences: '7,3', 'special-projects': '2' };
    for (const [key, text] of Object.entries(typed)) {
      const r = setActual(cardDoc, key, parseTyped(text), { by: 'm1', at: '2026-11-25T10:00:00Z' });
      expect(r.ok).toBe(true);
    }

    // Each rater writes their own review document; one peer leaves theirs as a draft.
    const ratings: Record<string, { typed: string; submit: boolean }> = {
      a1: { typed: '4.5', submit: true },
      m1: { typed: '3,75', submit: true },
      a2: { typed: '4', submit: true },
      a3: { typed: '3.3', submit: true },
      a4: { typed: '1', submit: false },
    };
    const expected = expectedReviewsFor(directory, settings, 'a1');
    expect(expected.map((e) => `${e.group}:${e.raterId}`).sort()).toEqual([
      'manager:m1',
      'peers:a2',
      'peers:a3',
      'peers:a4',
      'self:a1',
    ]);
    const views = new Map<string, ReviewView>();
    for (const e of expected) {
      const r = ratings[e.raterId];
      if (!r) throw new Error(`no rating for ${e.raterId}`);
      const group = e.group as 'self' | 'manager' | 'peers';
      views.set(e.raterId, readReview(reviewDoc(group, r.typed, r.submit)));
    }

    // What the manager's scorecard screen computes and shows (card-final).
    const card = readScorecard(synced(cardDoc));
    const panel = liveScore(card, submittedReviews(expected, views));
    if (!panel?.ok) throw new Error(`the panel could not score the card: ${JSON.stringify(panel)}`);
    const shown = finalScore(card, panel.value);
    expect(shown).not.toBeNull();

    // HR writes the same card by hand from the cycle's template and the figures they were sent.
    const template = testSettingsJson().templates?.find((t) => t.id === 'default');
    if (!template) throw new Error('no default template');
    const file = join(dir, 'a1.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          rateeId: 'a1',
          scale: 'five-star',
          indicators: template.indicators,
          actuals: { absences: 7.3, 'special-projects': 2 },
          raters: {
            groupWeights: { manager: 60, peers: 30, self: 10 },
            anonymity: { peers: 2 },
            reviews: [
              { reviewerId: 'a1', group: 'self', rating: 4.5 },
              { reviewerId: 'm1', group: 'manager', rating: 3.75 },
              { reviewerId: 'a2', group: 'peers', rating: 4 },
              { reviewerId: 'a3', group: 'peers', rating: 3.3 },
              { reviewerId: 'a4', group: 'peers', rating: 1, submitted: false },
            ],
          },
          formula: '0.5 * scorecardScore + 0.5 * reviewScore',
        },
        null,
        2,
      ),
    );
    const run = await firstline(['score', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cli = JSON.parse(run.stdout) as typeof panel.value;

    // The whole breakdown is equal, every exact fraction and every displayed decimal.
    expect(cli).toEqual(JSON.parse(JSON.stringify(panel.value)));
    expect(cli.final.ok && cli.final.score.display).toBe(shown?.display);
    // Not a round number by luck: absences score 1 + 4 * (20 - 7.3) / 18, a repeating fraction.
    expect(cli.indicators[0]?.score?.exact).toBe('172/45');
    expect(cli.final.ok && cli.final.score.exact).toMatch(/\//);
  }, 30_000);
});
