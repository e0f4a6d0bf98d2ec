import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreCard } from './score-card.ts';

const specPath = new URL('../../SPEC-scoring.md', import.meta.url);
const spec = readFileSync(specPath, 'utf8');

function block(tag: string): unknown {
  const m = new RegExp('```json ' + tag + '\\n([\\s\\S]*?)```').exec(spec);
  if (!m) throw new Error(`SPEC-scoring.md has no \`\`\`json ${tag} block`);
  return JSON.parse(m[1] as string);
}

describe('SPEC-scoring.md', () => {
  it('S7.1 S7.5 the documented example input gives the documented output', () => {
    const r = scoreCard(block('scorecard-input'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.parse(JSON.stringify(r.value))).toEqual(block('score-breakdown'));
  });

  it('every numbered rule is checked by at least one test that names it', () => {
    const rules = [...spec.matchAll(/\*\*(S\d+\.\d+)\b/g)].map((m) => m[1] as string);
    expect(rules.length).toBeGreaterThan(30);
    const dir = new URL('.', import.meta.url);
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/\bit\(\s*'([^']*)'/g)])
      .map((m) => m[1] as string);
    const unchecked = rules.filter(
      (id) => !names.some((n) => new RegExp(`\\b${id.replace('.', '\\.')}\\b`).test(n)),
    );
    expect(unchecked).toEqual([]);
  });

  it('every cycle (C) and report (F) rule is named by a test, and every rule a test names exists', () => {
    const rules = new Set([...spec.matchAll(/\*\*([SCF]\d+\.\d+)\b/g)].map((m) => m[1] as string));
    const root = new URL('../../../', import.meta.url);
    const testFiles = ['core/src', 'extension/src', 'sync-server/src', 'tests/integration']
      .flatMap((d) =>
        readdirSync(new URL(d, root), { recursive: true, encoding: 'utf8' }).map(
          (f) => `${d}/${f}`,
        ),
      )
      .filter((f) => /\.test\.tsx?$/.test(f));
    expect(testFiles.length).toBeGreaterThan(20);
    // Test names: the first string argument of it(...), quoted in any of the three ways.
    const names = testFiles.flatMap((f) =>
      [...readFileSync(new URL(f, root), 'utf8').matchAll(/\bit\(\s*(['"`])(.*?)\1/g)].map(
        (m) => `${f}: ${m[2] as string}`,
      ),
    );
    const named = new Set(
      names.flatMap((n) => [...n.matchAll(/\b([SCF]\d+\.\d+)\b/g)].map((m) => m[1])),
    );
    const unchecked = [...rules].filter((id) => /^[CF]/.test(id) && !named.has(id));
    expect(unchecked).toEqual([]);
    const unknown = names.filter((n) =>
      [
        ...n
          .split(': ')
          .slice(1)
          .join(': ')
          .matchAll(/\b([SCF]\d+\.\d+)\b/g),
      ].some((m) => !rules.has(m[1] as string)),
    );
    expect(unknown).toEqual([]);
  });
});
