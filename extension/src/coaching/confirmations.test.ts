import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putCoachingEntry, putGoal, readCheckIns, recordCheckIn } from '../core-browser.ts';
import { translator } from '../i18n/i18n.ts';
import {
  checkInConfirmations,
  checkInRefusalText,
  confirmLabel,
  entryContext,
  entryRefusalText,
  isConfirmable,
  type Refusal,
} from './confirmations.ts';

const NOW = new Date('2026-03-12T10:00:00Z');
const en = translator('en');
const zh = translator('zh-CN');

function refusal(
  result: { ok: true } | { ok: false; reason: string; message: string; details?: unknown },
): Refusal {
  if (result.ok) throw new Error('expected a refusal');
  const { reason, message, details } = result;
  return { reason, message, details: details as Record<string, unknown> };
}

function lowerIsBetterDoc(): Y.Doc {
  const doc = new Y.Doc();
  const put = putGoal(
    doc,
    { docName: 'org/acme/team/u1', org: 'acme', private: false },
    {
      id: 'g1',
      title: 'Defect rate',
      owner: { kind: 'person', id: 'e1' },
      parentId: null,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      metric: { unit: '%', start: 3.9, target: 2.5, current: null, direction: 'decrease' },
    },
    { now: NOW.getTime() },
  );
  expect(put.ok).toBe(true);
  return doc;
}

const checkIn = (at: string, value: number) => ({
  id: `c-${at}-${value}`,
  goalId: 'g1',
  at,
  value,
  authorId: 'm1',
});

describe('coaching confirmations', () => {
  it('a check-in far outside start..target is asked about, in both languages, then saved', () => {
    const doc = lowerIsBetterDoc();
    const ctx = { now: NOW, timeZone: 'UTC' };
    const first = refusal(recordCheckIn(doc, checkIn('2026-03-12T12:00:00Z', -100), ctx));
    expect(first.reason).toBe('value-out-of-range');
    expect(isConfirmable(first.reason)).toBe(true);
    expect(checkInRefusalText(first, en)).toBe(
      'That value would be 7421% progress from 3.9 to 2.5. Check the value, or confirm to save it.',
    );
    expect(checkInRefusalText(first, zh)).toContain('7421%');
    expect(confirmLabel(first.reason, en)).toBe('Save this value anyway');
    expect(readCheckIns(doc).checkIns).toEqual([]);
    const saved = recordCheckIn(doc, checkIn('2026-03-12T12:00:00Z', -100), {
      ...ctx,
      ...checkInConfirmations([first.reason]),
    });
    expect(saved.ok).toBe(true);
  });

  it('a check-in years before the period is asked about; confirmations add up', () => {
    const doc = lowerIsBetterDoc();
    const ctx = { now: NOW, timeZone: 'UTC' };
    const draft = checkIn('2020-01-15T12:00:00Z', 99);
    const first = refusal(recordCheckIn(doc, draft, ctx));
    expect(first.reason).toBe('before-period');
    expect(checkInRefusalText(first, en)).toBe(
      'That date is 2178 days before the goal starts (2026-01-01). Check the year, or confirm to save it.',
    );
    expect(checkInRefusalText(first, zh)).toContain('2026-01-01');
    const second = refusal(
      recordCheckIn(doc, draft, { ...ctx, ...checkInConfirmations([first.reason]) }),
    );
    expect(second.reason).toBe('value-out-of-range');
    const both = checkInConfirmations([first.reason, second.reason]);
    expect(both).toEqual({ confirmBeforePeriod: true, confirmOutOfRange: true });
    expect(recordCheckIn(doc, draft, { ...ctx, ...both }).ok).toBe(true);
    // A refusal that cannot be overruled sets no flag.
    expect(checkInConfirmations(['goal-deleted'])).toEqual({});
  });

  it('a follow-up before the conversation is refused with both dates, translated', () => {
    const doc = new Y.Doc();
    const entry = {
      id: 'e1',
      personId: 'e1',
      authorId: 'm1',
      topic: 'Pace',
      date: '2030-05-05',
      followUpOn: '2020-01-01',
    };
    const backwards = refusal(putCoachingEntry(doc, 'e1', entry, entryContext(NOW, 'UTC', true)));
    expect(entryRefusalText(backwards, en)).toBe(
      'The follow-up (2020-01-01) is before the conversation (2030-05-05). Pick a later follow-up date; your text is kept.',
    );
    expect(entryRefusalText(backwards, zh)).toContain('2020-01-01');
    const later = { ...entry, followUpOn: '2030-05-19' };
    const future = refusal(putCoachingEntry(doc, 'e1', later, entryContext(NOW, 'UTC', false)));
    expect(future.reason).toBe('far-future');
    expect(entryRefusalText(future, en)).toBe(
      'That conversation date is 1515 days ahead. Check the year, or confirm to save it.',
    );
    expect(putCoachingEntry(doc, 'e1', later, entryContext(NOW, 'UTC', true)).ok).toBe(true);
  });
});
