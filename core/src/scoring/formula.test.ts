import { describe, expect, it } from 'vitest';
import type { Rational } from './rational.ts';
import { q } from './rational.ts';
import { FIVE_STAR, PERCENT } from './scale.ts';
import { compileFormula, evaluateFormula } from './formula.ts';
import type { FormulaInputs } from './formula.ts';

function run(src: string, inputs: FormulaInputs = {}, scale = FIVE_STAR): string {
  const c = compileFormula(src, scale);
  if (!c.ok) throw new Error(`${src}: ${c.reason} ${c.message}`);
  const r = evaluateFormula(c.value, inputs);
  if (!r.ok) throw new Error(`${src}: ${r.reason}`);
  return (r.value as Rational).toExact();
}

function refused(src: string, scale = FIVE_STAR): string {
  const c = compileFormula(src, scale);
  return c.ok ? 'accepted' : c.reason;
}

describe('formula (S5)', () => {
  it('S5.1 numbers, + - * /, precedence, left associativity and parentheses', () => {
    expect(run('1 + 2 * 3')).toBe('7');
    expect(run('(1 + 2) * 3')).toBe('9');
    expect(run('10 - 4 - 3')).toBe('3');
    expect(run('12 / 3 / 2')).toBe('2');
    expect(run('0.1 + 0.2')).toBe('0.3');
    expect(run('.5 * 4')).toBe('2');
  });

  it('S5.1 unary minus binds tighter than * and can repeat', () => {
    expect(run('-2 * 3')).toBe('-6');
    expect(run('--2')).toBe('2');
    expect(run('3 - -1')).toBe('4');
    expect(run('-(1 + 1)')).toBe('-2');
  });

  it('S5.1 min, max and round(x, n) rounding halves away from zero', () => {
    expect(run('min(3, 1, 2)')).toBe('1');
    expect(run('max(3, 1, 2)')).toBe('3');
    expect(run('round(2.345, 2)')).toBe('2.35');
    expect(run('round(-2.5, 0)')).toBe('-3');
    expect(run('round(10 / 3, 3)')).toBe('3.333');
  });

  it('S5.1 refuses bad syntax with its position', () => {
    for (const bad of ['', '1 +', '(1', '1)', '1 2', '1 ** 2', '2 % 3', '1e5', 'min(1,)', '$']) {
      const c = compileFormula(bad, FIVE_STAR);
      expect(c.ok, bad).toBe(false);
      if (!c.ok) expect(c.reason, bad).toBe('formula-syntax');
    }
    const c = compileFormula('manager + * 2', FIVE_STAR);
    expect(!c.ok && c.details).toEqual({ pos: 10 });
  });

  it('S5.1 refuses wrong arguments, over-long and over-deep formulas', () => {
    expect(refused('min(1)')).toBe('formula-bad-arguments');
    expect(refused('round(manager)')).toBe('formula-bad-arguments');
    expect(refused('round(manager, 1.5)')).toBe('formula-bad-arguments');
    expect(refused('round(manager, 7)')).toBe('formula-bad-arguments');
    expect(refused('round(manager, self)')).toBe('formula-bad-arguments');
    expect(refused('1+'.repeat(600) + '1')).toBe('formula-too-long');
    expect(refused('('.repeat(80) + '1' + ')'.repeat(80))).toBe('formula-too-deep');
    expect(refused('-'.repeat(80) + '1')).toBe('formula-too-deep');
  });

  it('S5.2 an unknown part name is rejected when saved', () => {
    const c = compileFormula('0.6 * manager + 0.4 * peer', FIVE_STAR);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.reason).toBe('formula-unknown-part');
      expect(c.message).toContain('"peer"');
    }
    expect(refused('sqrt(manager)')).toBe('formula-unknown-function');
    expect(refused('constructor')).toBe('formula-unknown-part');
    expect(refused('__proto__')).toBe('formula-unknown-part');
  });

  it('S5.3 a division by a literal zero is rejected when saved', () => {
    expect(refused('manager / 0')).toBe('formula-division-by-zero');
    expect(refused('manager / (2 - 2)')).toBe('formula-division-by-zero');
    expect(refused('manager / (0 * self)')).toBe('formula-division-by-zero');
  });

  it('S5.3 a divisor that can be zero for the parts ranges is rejected when saved', () => {
    expect(refused('manager / (self - 3)')).toBe('formula-division-may-be-zero');
    expect(refused('manager / self', PERCENT)).toBe('formula-division-may-be-zero');
    expect(refused('1 / (min(self, 3) - 2)')).toBe('formula-division-may-be-zero');
    expect(refused('1 / min(self, 0)')).toBe('formula-division-by-zero'); // always 0 on 1-5
    expect(refused('1 / round(self / 10, 0)')).toBe('formula-division-may-be-zero');
    // On 1-5 a part is never 0, and self + 1 is never 0 either.
    expect(refused('manager / self')).toBe('accepted');
    expect(refused('manager / (self + 1)', PERCENT)).toBe('accepted');
    expect(refused('manager / (self - 6)')).toBe('accepted');
  });

  it('S5.4 evaluates exactly over the named parts', () => {
    const parts = { manager: q(3), peers: q(4), self: q(5) };
    expect(run('0.6 * manager + 0.3 * peers + 0.1 * self', parts)).toBe('3.5');
    expect(run('manager / self', parts)).toBe('0.6');
    expect(run('(manager + peers + self) / 3', parts)).toBe('4');
  });

  it('S5.5 a missing part gives an error value naming it', () => {
    const c = compileFormula('0.5 * manager + 0.5 * peers', FIVE_STAR);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const r = evaluateFormula(c.value, { manager: q(4), peers: null });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('part-missing');
      expect(r.details).toEqual({ parts: ['peers'] });
    }
  });

  it('S5.5 a division by zero at evaluation gives an error value, not Infinity or NaN', () => {
    // Accepted for a 1-5 scale; fed a value outside the scale it divides by zero.
    const c = compileFormula('manager / (self - 0.5)', FIVE_STAR);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const r = evaluateFormula(c.value, { manager: q(4), self: q(0.5) });
    expect(r).toMatchObject({ ok: false, reason: 'division-by-zero' });
  });

  it('S5.1 lists the parts a formula reads', () => {
    const c = compileFormula('max(manager, peers) - min(manager, self)', FIVE_STAR);
    expect(c.ok && c.value.parts).toEqual(['manager', 'peers', 'self']);
  });
});
