import { describe, expect, it } from 'vitest';
import { Rational, q, sumR } from './rational.ts';

describe('exact numbers (S0)', () => {
  it('S0.1 reads a number as the decimal it is written as', () => {
    expect(q(0.1).toExact()).toBe('0.1');
    expect(q(0.1).add(q(0.2)).eq(q(0.3))).toBe(true);
    expect(q(1e-7).toExact()).toBe('0.0000001');
    expect(q(-2.5).toExact()).toBe('-2.5');
    expect(q(1.5e21).toExact()).toBe('1500000000000000000000');
  });

  it('S0.1 sums decimal weights exactly', () => {
    expect(sumR([q(33.33), q(33.33), q(33.34)]).toExact()).toBe('100');
    expect(sumR([q(0.1), q(0.1), q(0.1)]).toExact()).toBe('0.3');
  });

  it('S0.1 writes non-terminating values as a fraction', () => {
    expect((q(11).div(q(3)) as Rational).toExact()).toBe('11/3');
    expect((q(1).div(q(8)) as Rational).toExact()).toBe('0.125');
  });

  it('S0.1 division by zero answers null instead of Infinity', () => {
    expect(q(1).div(q(0))).toBeNull();
  });

  it('S0.2 rounds halves away from zero, once, from the exact value', () => {
    expect(q(2.345).toFixed(2)).toBe('2.35');
    expect(q(-2.345).toFixed(2)).toBe('-2.35');
    expect(q(2.344999).toFixed(2)).toBe('2.34');
    expect(q(0.5).toFixed(0)).toBe('1');
    expect(q(-0.5).toFixed(0)).toBe('-1');
    expect(q(-0.001).toFixed(2)).toBe('0.00');
    // 1.005 is 1.00499999999999989... as a double; read as the decimal it rounds up.
    expect(q(1.005).toFixed(2)).toBe('1.01');
    expect((q(2).div(q(3)) as Rational).toFixed(3)).toBe('0.667');
    expect(q(7).toFixed(2)).toBe('7.00');
  });

  it('S0.2 gives the nearest double for consumers that need a number', () => {
    expect((q(1).div(q(3)) as Rational).toNumber()).toBe(1 / 3);
    expect(q(4.35).toNumber()).toBe(4.35);
  });

  it('S0.1 reads back what toExact writes', () => {
    for (const x of [q(3.75), q(-2).div(q(3)) as Rational, q(0), q(1e-7)]) {
      expect(Rational.parseExact(x.toExact())?.eq(x)).toBe(true);
    }
    expect(Rational.parseExact('1/0')).toBeNull();
  });

  it('S0.1 parses decimal text and refuses anything else', () => {
    expect(Rational.parseDecimal('.5')?.toExact()).toBe('0.5');
    expect(Rational.parseDecimal('1.')?.toExact()).toBe('1');
    expect(Rational.parseDecimal('abc')).toBeNull();
    expect(Rational.parseDecimal('.')).toBeNull();
    expect(Rational.parseDecimal('1e999')).toBeNull();
  });
});
