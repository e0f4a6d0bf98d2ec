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
    return Rational.of(this.roundedUnits(decimals), pow10(decimals));
  }

  /**
   * The value rounded by {@link round}, counted in units of 10^-decimals (3.456 to 2 places is
   * 346n): one division, and no gcd, for the displays and labels written for every score.
   */
  roundedUnits(decimals: number): bigint {
    const scaled = this.n * pow10(decimals);
    const abs = scaled < 0n ? -scaled : scaled;
    let q = abs / this.d;
    if ((abs - q * this.d) * 2n >= this.d) q += 1n;
    return scaled < 0n ? -q : q;
  }

  /** The value rounded by {@link round} and written with exactly `decimals` places: "3.50". */
  toFixed(decimals: number): string {
    return unitsToText(this.roundedUnits(decimals), decimals);
  }

  /**
   * The exact value as text: a plain decimal when it terminates ("3.75"), otherwise "n/d"
   * ("11/3"). Two engines that agree on this string agree on the score.
   */
  toExact(): string {
    if (this.d === 1n) return this.n.toString();
    let twos = 0;
    let fives = 0;
    let rest: bigint | number = this.d;
    if (this.d <= MAX_SAFE) {
      // Most denominators are small: count their factors 2 and 5 in doubles, which is exact here.
      let d = Number(this.d);
      while (d % 2 === 0) {
        d /= 2;
        twos++;
      }
      while (d % 5 === 0) {
        d /= 5;
        fives++;
      }
      rest = d;
    } else {
      let d = this.d;
      while (d % 2n === 0n) {
        d /= 2n;
        twos++;
      }
      while (d % 5n === 0n) {
        d /= 5n;
        fives++;
      }
      rest = d;
    }
    if (rest !== 1 && rest !== 1n) return `${this.n}/${this.d}`;
    const places = Math.max(twos, fives);
    // The denominator divides 10^places, so this is the value itself, written in full.
    return unitsToText((this.n * pow10(places)) / this.d, places);
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const POW10: bigint[] = Array.from({ length: 32 }, (_, i) => 10n ** BigInt(i));

/** 10^k as a bigint; the small ones every display uses are made once. */
export function pow10(k: number): bigint {
  return POW10[k] ?? 10n ** BigInt(k);
}

/** Writes units of 10^-decimals as a decimal with exactly `decimals` places: (-5n, 2) is "-0.05". */
export function unitsToText(units: bigint, decimals: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(decimals + 1, '0');
  const body =
    decimals > 0
      ? `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`
      : digits;
  // A negative number of units is at least one unit, so the sign never lands on "-0.00".
  return neg ? `-${body}` : body;
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
