import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { Rational, maxR, minR, q } from './rational.ts';
import type { RatingScale } from './scale.ts';
import type { FormulaNode, FormulaParseReason, FormulaPart } from './formula-parse.ts';
import { parseFormula } from './formula-parse.ts';

/** A formula that passed every check made when it is saved (S5.3). */
export interface CompiledFormula {
  source: string;
  tree: FormulaNode;
  /** The parts it reads, in first-use order; a missing one makes the result missing (S5.5). */
  parts: FormulaPart[];
}

/** Why a formula was refused when saved (S5.2-S5.3). */
export type FormulaReason =
  FormulaParseReason | 'formula-division-by-zero' | 'formula-division-may-be-zero';

/** Why a valid formula gave no number for these inputs (S5.5). */
export type FormulaEvalReason = 'division-by-zero' | 'part-missing';

interface Interval {
  lo: Rational;
  hi: Rational;
}

class CheckError {
  constructor(
    readonly reason: FormulaReason,
    readonly message: string,
    readonly pos: number,
  ) {}
}

/**
 * The range a subtree can take when every part ranges over the whole scale (S5.3). Interval
 * arithmetic over-approximates (`self - self` gets [min-max, max-min], not [0, 0]), so a
 * denominator is refused whenever zero cannot be ruled out this way: safe, sometimes strict.
 */
function range(node: FormulaNode, scale: RatingScale): Interval {
  switch (node.type) {
    case 'num':
      return { lo: node.value, hi: node.value };
    case 'part':
      return { lo: q(scale.min), hi: q(scale.max) };
    case 'neg': {
      const a = range(node.arg, scale);
      return { lo: a.hi.neg(), hi: a.lo.neg() };
    }
    case 'call': {
      const args = node.args.map((a) => range(a, scale));
      if (node.fn === 'round') {
        const digits = Number((node.args[1] as { value: Rational }).value.n);
        const a = args[0] as Interval;
        return { lo: a.lo.round(digits), hi: a.hi.round(digits) };
      }
      const pick = node.fn === 'min' ? minR : maxR;
      const first = args[0] as Interval;
      return args
        .slice(1)
        .reduce((acc, a) => ({ lo: pick(acc.lo, a.lo), hi: pick(acc.hi, a.hi) }), first);
    }
    case 'bin': {
      const a = range(node.left, scale);
      const b = range(node.right, scale);
      switch (node.op) {
        case '+':
          return { lo: a.lo.add(b.lo), hi: a.hi.add(b.hi) };
        case '-':
          return { lo: a.lo.sub(b.hi), hi: a.hi.sub(b.lo) };
        case '*':
          return hull([a.lo.mul(b.lo), a.lo.mul(b.hi), a.hi.mul(b.lo), a.hi.mul(b.hi)]);
        case '/': {
          if (b.lo.isZero() && b.hi.isZero()) {
            throw new CheckError(
              'formula-division-by-zero',
              `division by zero at ${node.pos}: the divisor is always 0`,
              node.pos,
            );
          }
          if (b.lo.cmp(Rational.ZERO) <= 0 && b.hi.cmp(Rational.ZERO) >= 0) {
            throw new CheckError(
              'formula-division-may-be-zero',
              `the divisor at ${node.pos} can be 0 (it ranges from ${b.lo.toFixed(4)} to ` +
                `${b.hi.toFixed(4)} on a ${scale.min}-${scale.max} scale)`,
              node.pos,
            );
          }
          const inv = (x: Rational): Rational => Rational.ONE.div(x) as Rational;
          const c = [inv(b.lo), inv(b.hi)];
          return hull(c.flatMap((r) => [a.lo.mul(r), a.hi.mul(r)]));
        }
      }
    }
  }
}

function hull(xs: Rational[]): Interval {
  let lo = xs[0] as Rational;
  let hi = lo;
  for (const x of xs) {
    lo = minR(lo, x);
    hi = maxR(hi, x);
  }
  return { lo, hi };
}

function collectParts(node: FormulaNode, into: FormulaPart[]): void {
  switch (node.type) {
    case 'part':
      if (!into.includes(node.name)) into.push(node.name);
      return;
    case 'num':
      return;
    case 'neg':
      collectParts(node.arg, into);
      return;
    case 'bin':
      collectParts(node.left, into);
      collectParts(node.right, into);
      return;
    case 'call':
      for (const a of node.args) collectParts(a, into);
      return;
  }
}

/**
 * Parses and checks a formula the way it is checked when an organisation saves it (S5.1-S5.3):
 * unknown parts and functions, syntax, and divisors that are or may be zero are refused.
 */
export function compileFormula(
  source: string,
  scale: RatingScale,
): Result<CompiledFormula, FormulaReason> {
  // A cycle scores every card with the same formula: compile it once per text and scale range.
  // The answer depends on nothing else, and nobody changes a compiled formula.
  const key = `${scale.min}\u0000${scale.max}\u0000${source}`;
  const known = compiled.get(key);
  if (known) return known;
  const result = compileUncached(source, scale);
  if (compiled.size >= COMPILED_CACHE_SIZE) compiled.clear();
  compiled.set(key, result);
  return result;
}

const COMPILED_CACHE_SIZE = 256;
const compiled = new Map<string, Result<CompiledFormula, FormulaReason>>();

function compileUncached(
  source: string,
  scale: RatingScale,
): Result<CompiledFormula, FormulaReason> {
  const parsed = parseFormula(source);
  if (!parsed.ok) return parsed;
  try {
    range(parsed.value, scale);
  } catch (e) {
    if (e instanceof CheckError) return fail(e.reason, e.message, { pos: e.pos });
    throw e;
  }
  const parts: FormulaPart[] = [];
  collectParts(parsed.value, parts);
  return ok({ source, tree: parsed.value, parts });
}

/** The values of the parts; null or absent means "missing" (S5.5). */
export type FormulaInputs = Partial<Record<FormulaPart, Rational | null>>;

/**
 * Evaluates a compiled formula exactly (S5.4-S5.5). The result is NOT clamped here; S5.6 clamps
 * it to the scale where the final score is made. A zero divisor gives an error value, never
 * Infinity or NaN, and so does a part the formula needs that is missing.
 */
export function evaluateFormula(
  formula: CompiledFormula,
  inputs: FormulaInputs,
): Result<Rational, FormulaEvalReason> {
  const missing = formula.parts.filter((p) => !inputs[p]);
  if (missing.length > 0) {
    return fail('part-missing', `the formula needs ${missing.join(', ')}, which is missing`, {
      parts: missing,
    });
  }
  return evalNode(formula.tree, inputs);
}

function evalNode(node: FormulaNode, inputs: FormulaInputs): Result<Rational, FormulaEvalReason> {
  switch (node.type) {
    case 'num':
      return ok(node.value);
    case 'part': {
      const v = inputs[node.name];
      return v ? ok(v) : fail('part-missing', `${node.name} is missing`, { parts: [node.name] });
    }
    case 'neg': {
      const a = evalNode(node.arg, inputs);
      return a.ok ? ok(a.value.neg()) : a;
    }
    case 'call': {
      const vals: Rational[] = [];
      for (const arg of node.args) {
        const r = evalNode(arg, inputs);
        if (!r.ok) return r;
        vals.push(r.value);
      }
      const first = vals[0] as Rational;
      if (node.fn === 'round') return ok(first.round(Number((vals[1] as Rational).n)));
      const pick = node.fn === 'min' ? minR : maxR;
      return ok(vals.slice(1).reduce(pick, first));
    }
    case 'bin': {
      const a = evalNode(node.left, inputs);
      if (!a.ok) return a;
      const b = evalNode(node.right, inputs);
      if (!b.ok) return b;
      switch (node.op) {
        case '+':
          return ok(a.value.add(b.value));
        case '-':
          return ok(a.value.sub(b.value));
        case '*':
          return ok(a.value.mul(b.value));
        case '/': {
          const r = a.value.div(b.value);
          return r
            ? ok(r)
            : fail('division-by-zero', `division by zero at ${node.pos}`, { pos: node.pos });
        }
      }
    }
  }
}
