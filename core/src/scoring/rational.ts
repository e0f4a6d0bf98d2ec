/**
 * Exact rational numbers over bigint (SPEC-scoring S0.1).
 *
 * Scores must agree between the side panel, the server and the CLI "to the last decimal", and
 * weights such as 33.33 + 33.33 + 33.34 must add to exactly 100. Binary floating point cannot
 * promise either, so every figure entering the scoring engine is read as the decimal it was
 * written as and all arithmetic stays exact; rounding happens once, for display.
 */
const FROM_NUMBER_CACHE_SIZE = 4096;
const fromNumberCache = new Map<number, Rational>();

export class Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator; always positive, and coprime with the numerator. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** Builds n/d in lowest terms. The caller guarantees d is not zero. */
  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError('Rational.of: zero denominator (a bug in the caller)');
    if (d === 1n) return new Rational(n, 1n);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  /**
   * Reads a JS number as the decimal its shortest round-trip spelling shows (0.1 is 1/10, not
   * 3602879701896397/36028797018963968), because that is what the person typed or the JSON holds.
   */
  static fromNumber(x: number): Rational {
    if (Number.isSafeInteger(x)) return new Rational(BigInt(x), 1n);
    const known = fromNumberCache.get(x);
    if (known) return known;
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromNumber: ${x} is not finite`);
    const parsed = Rational.parseDecimal(String(x));
    if (parsed === null) throw new RangeError(`Rational.fromNumber: cannot read ${x}`);
    // Scoring a population reads the same weights, thresholds and figures over and over; parsing
    // their decimal spelling was the largest cost. A Rational never changes, so it can be shared.
    if (fromNumberCache.size >= FROM_NUMBER_CACHE_SIZE) fromNumberCache.clear();
    fromNumberCache.set(x, parsed);
    return parsed;
  }

  /** Parses "12", "-0.25", "1.5e-7", ".5"; answers null for anything else. */
  static parseDecimal(text: string): Rational | null {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m) return null;
    const [, sign = '', whole = '', frac = '', exp = '0'] = m;
    if (whole.length === 0 && frac.length === 0) return null;
    let n = BigInt((whole || '0') + frac);
    let d = 10n ** BigInt(frac.length);
    const e = Number(exp);
    if (Math.abs(e) > 400) return null;
    if (e > 0) n *= 10n ** BigInt(e);
    if (e < 0) d *= 10n ** BigInt(-e);
    if (sign === '-') n = -n;
    return Rational.of(n, d);
  }

  /**
   * Reads what {@link toExact} writes ("3.75" or "11/3"), so a consumer of a breakdown can compare
   * scores exactly instead of through `Number`, which cannot read a fraction.
   */
  static parseExact(text: string): Rational | null {
    const m = /^(-?\d+)\/(\d+)$/.exec(text.trim());
    if (!m) return Rational.parseDecimal(text);
    const d = BigInt(m[2] as string);
    return d === 0n ? null : Rational.of(BigInt(m[1] as string), d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  /** Division; answers null for a zero divisor so callers must decide what that means. */
  div(o: Rational): Rational | null {
    if (o.n === 0n) return null;
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rational {
    return Rational.of(-this.n, this.d);
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  /** -1, 0 or 1 as this is below, equal to or above o. */
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }

  /** Rounds to `decimals` places, halves away from zero (S0.2): 2.345 -> 2.35, -2.345 -> -2.35. */
  round(decimals: number): Rational {
    const scale = 10n ** BigInt(decimals);
    const scaled = this.n * scale;
    const abs = scaled < 0n ? -scaled : scaled;
    let q = abs / this.d;
    if ((abs % this.d) * 2n >= this.d) q += 1n;
    return Rational.of(scaled < 0n ? -q : q, scale);
  }

  /** The value rounded by {@link round} and written with exactly `decimals` places: "3.50". */
  toFixed(decimals: number): string {
    const r = this.round(decimals);
    const scale = 10n ** BigInt(decimals);
    const scaled = (r.n * scale) / r.d;
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const frac = digits.slice(digits.length - decimals);
    const body = decimals > 0 ? `${whole}.${frac}` : whole;
    return neg && /[1-9]/.test(body) ? `-${body}` : body;
  }

  /**
   * The exact value as text: a plain decimal when it terminates ("3.75"), otherwise "n/d"
   * ("11/3"). Two engines that agree on this string agree on the score.
   */
  toExact(): string {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return `${this.n}/${this.d}`;
    const places = Math.max(twos, fives);
    const text = this.toFixed(places);
    return text;
  }

  /** The nearest double, for charts and JSON consumers that only need a number. */
  toNumber(): number {
    const limit = 2n ** 53n;
    const absN = this.n < 0n ? -this.n : this.n;
    if (absN <= limit && this.d <= limit) return Number(this.n) / Number(this.d);
    return Number(this.toFixed(20));
  }

  toString(): string {
    return this.toExact();
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
}

/** Shorthand for {@link Rational.fromNumber}, used everywhere input figures enter the engine. */
export function q(x: number): Rational {
  return Rational.fromNumber(x);
}

/** The smaller of two rationals (the first when equal). */
export function minR(a: Rational, b: Rational): Rational {
  return b.lt(a) ? b : a;
}

/** The larger of two rationals (the first when equal). */
export function maxR(a: Rational, b: Rational): Rational {
  return b.gt(a) ? b : a;
}

/** Clamps x into [lo, hi]; lo must not exceed hi. */
export function clampR(x: Rational, lo: Rational, hi: Rational): Rational {
  return minR(maxR(x, lo), hi);
}

/** Exact sum; zero for an empty list. */
export function sumR(xs: readonly Rational[]): Rational {
  return xs.reduce((acc, x) => acc.add(x), Rational.ZERO);
}
