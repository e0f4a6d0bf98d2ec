import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardInput } from '@firstline/core/cycles/card-input';
import { takeSnapshot } from '@firstline/core/cycles/snapshot';
import { testDirectory, testSettings } from '@firstline/core/cycles/testing';
import { scoreCard } from '@firstline/core/scoring/score-card';
import { runFirstline as firstline } from '@firstline/fixtures/firstline-process';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'firstline-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCard(name: string, card: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof card === 'string' ? card : JSON.stringify(card));
  return file;
}

/** A card the side panel would score: a cycle snapshot with typed actuals and reviews. */
function panelCard() {
  const snap = takeSnapshot(testDirectory(), testSettings(), 'a1', '2026-01-05');
  if (!snap.ok) throw new Error(snap.message);
  return cardInput(snap.value, { absences: 7.3, 'special-projects': 2 }, [
    { reviewerId: 'a1', group: 'self', rating: 4.5, submitted: true },
    { reviewerId: 'm1', group: 'manager', rating: 3.75, submitted: true },
    { reviewerId: 'a2', group: 'peers', rating: 4, submitted: true },
    { reviewerId: 'a3', group: 'peers', rating: 3.25, submitted: true },
  ]);
}

// Each test starts the real CLI (tsx compiles it on start): seconds on a busy machine.
describe('firstline score FILE (S7, C2.5)', { timeout: 30_000 }, () => {
  it('S7.5 prints the same breakdown the side panel computes, to the last decimal', async () => {
    const card = panelCard();
    const run = await firstline(['score', writeCard('good.json', card)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = scoreCard(card);
    if (!expected.ok) throw new Error(expected.message);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected.value)));
    expect(JSON.parse(run.stdout).final.score.display).toBe(
      expected.value.final.ok && expected.value.final.score.display,
    );
  });

  it('S7.2 a missing field is named and the CLI exits non-zero', async () => {
    const { rateeId: _dropped, ...card } = panelCard();
    const run = await firstline(['score', writeCard('missing.json', card)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^\s+rateeId: .*expected string, received undefined/m);
  });

  it('S7.2 a string where a number belongs is named with its path', async () => {
    const card = panelCard();
    const indicators = card.indicators!.map((i, n) => (n === 1 ? { ...i, weight: '60' } : i));
    const run = await firstline(['score', writeCard('string.json', { ...card, indicators })]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s+indicators\[1\]\.weight: .*expected number, received string/m);
  });

  it('S7.2 an unknown standard is named with its path and the known kinds', async () => {
    const card = panelCard();
    const indicators = card.indicators!.map((i, n) =>
      n === 0 ? { ...i, standard: { kind: 'sigmoid', target: 3 } } : i,
    );
    const run = await firstline(['score', writeCard('standard.json', { ...card, indicators })]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s+indicators\[0\]\.standard\.kind: .*'linear' \| 'bands'/m);
  });

  it('S7.2 a file that is not JSON, or not there, exits non-zero with a message', async () => {
    const broken = await firstline(['score', writeCard('broken.json', '{"rateeId": ')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
    const absent = await firstline(['score', join(dir, 'absent.json')]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('ENOENT');
  });

  it('S7.2 an unknown scale preset lists the presets; --json prints the refusal on stdout', async () => {
    const file = writeCard('ten-star.json', { ...panelCard(), scale: 'ten-star' });
    const human = await firstline(['score', file]);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(
      /^\s+scale: unknown scale preset "ten-star"; the presets are five-star, four-level, percent/m,
    );
    const json = await firstline(['score', file, '--json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    const body = JSON.parse(json.stdout) as { ok: boolean; issues: { path: string }[] };
    expect(body).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(body.issues).toEqual([
      { path: 'scale', message: expect.stringContaining('five-star, four-level, percent') },
    ]);
  });
});
