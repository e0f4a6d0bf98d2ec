import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { Rational } from './rational.ts';

/**
 * The named parts a formula may use (S5.2). Each is a score on the card's scale, or missing.
 * `reviewScore` (the renormalised rater combination, S4.4) and `scorecardScore` (all indicators)
 * are additions to the parts the issue listed, so a formula can blend without re-deriving them.
 */
export const FORMULA_PARTS = [
  'goalScore',
  'indicatorScore',
  'scorecardScore',
  'self',
  'peers',
  'manager',
  'upward',
  'reviewScore',
] as const;
export type FormulaPart = (typeof FORMULA_PARTS)[number];

/** Functions a formula may call (S5.1). */
export const FORMULA_FUNCTIONS = ['min', 'max', 'round'] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** A parsed formula. `pos` is the 0-based character offset, for messages that point at it. */
export type FormulaNode =
  | { type: 'num'; value: Rational; pos: number }
  | { type: 'part'; name: FormulaPart; pos: number }
  | { type: 'neg'; arg: FormulaNode; pos: number }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode; pos: number }
  | { type: 'call'; fn: FormulaFunction; args: FormulaNode[]; pos: number };

/** Why a formula text could not be parsed (S5.1-S5.2). */
export type FormulaParseReason =
  | 'formula-syntax'
  | 'formula-unknown-part'
  | 'formula-unknown-function'
  | 'formula-bad-arguments'
  | 'formula-too-long'
  | 'formula-too-deep';

/** Formulas are typed by people; these bounds keep a pasted novel from costing anything. */
export const FORMULA_MAX_LENGTH = 1000;
export const FORMULA_MAX_DEPTH = 64;
/** round(x, n) takes n from 0 to this (S5.1). */
export const FORMULA_MAX_ROUND_DIGITS = 6;

type Token =
  | { kind: 'num'; text: string; pos: number }
  | { kind: 'id'; text: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

class ParseError {
  constructor(
    readonly reason: FormulaParseReason,
    readonly message: string,
    readonly pos: number,
  ) {}
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) {
      const at = i + (src.slice(i).length - src.slice(i).trimStart().length);
      throw new ParseError('formula-syntax', `unexpected character "${src[at]}" at ${at}`, at);
    }
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    const pos = re.lastIndex - text.length;
    out.push({ kind: m[1] ? 'num' : m[2] ? 'id' : 'op', text, pos } as Token);
    i = re.lastIndex;
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'end', text: '', pos: 0 };
  }
  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }
  private expect(text: string): void {
    const t = this.next();
    if (t.text !== text || t.kind === 'end') {
      const seen = t.kind === 'end' ? 'the end' : `"${t.text}"`;
      throw new ParseError(
        'formula-syntax',
        `expected "${text}" at ${t.pos}, found ${seen}`,
        t.pos,
      );
    }
  }

  parseAll(): FormulaNode {
    const node = this.expr(0);
    const t = this.peek();
    if (t.kind !== 'end') {
      throw new ParseError('formula-syntax', `unexpected "${t.text}" at ${t.pos}`, t.pos);
    }
    return node;
  }

  private guard(depth: number, pos: number): void {
    if (depth > FORMULA_MAX_DEPTH) {
      throw new ParseError('formula-too-deep', `nested deeper than ${FORMULA_MAX_DEPTH}`, pos);
    }
  }

  private expr(depth: number): FormulaNode {
    let left = this.term(depth);
    for (let t = this.peek(); t.text === '+' || t.text === '-'; t = this.peek()) {
      this.next();
      const right = this.term(depth);
      left = { type: 'bin', op: t.text, left, right, pos: t.pos };
    }
    return left;
  }

  private term(depth: number): FormulaNode {
    let left = this.unary(depth);
    for (let t = this.peek(); t.text === '*' || t.text === '/'; t = this.peek()) {
      this.next();
      const right = this.unary(depth);
      left = { type: 'bin', op: t.text, left, right, pos: t.pos };
    }
    return left;
  }

  private unary(depth: number): FormulaNode {
    const t = this.peek();
    this.guard(depth, t.pos);
    if (t.kind === 'op' && t.text === '-') {
      this.next();
      return { type: 'neg', arg: this.unary(depth + 1), pos: t.pos };
    }
    return this.primary(depth);
  }

  private primary(depth: number): FormulaNode {
    const t = this.next();
    if (t.kind === 'num') {
      const value = Rational.parseDecimal(t.text);
      if (!value) throw new ParseError('formula-syntax', `bad number "${t.text}"`, t.pos);
      return { type: 'num', value, pos: t.pos };
    }
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.expr(depth + 1);
      this.expect(')');
      return inner;
    }
    if (t.kind === 'id') {
      if (this.peek().text === '(') return this.call(t, depth);
      if ((FORMULA_PARTS as readonly string[]).includes(t.text)) {
        return { type: 'part', name: t.text as FormulaPart, pos: t.pos };
      }
      throw new ParseError(
        'formula-unknown-part',
        `unknown part "${t.text}" at ${t.pos}; known parts: ${FORMULA_PARTS.join(', ')}`,
        t.pos,
      );
    }
    const seen = t.kind === 'end' ? 'the end' : `"${t.text}"`;
    throw new ParseError(
      'formula-syntax',
      `expected a number, part or "(" at ${t.pos}, found ${seen}`,
      t.pos,
    );
  }

  private call(name: Token, depth: number): FormulaNode {
    if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name.text)) {
      throw new ParseError(
        'formula-unknown-function',
        `unknown function "${name.text}" at ${name.pos}; known: ${FORMULA_FUNCTIONS.join(', ')}`,
        name.pos,
      );
    }
    const fn = name.text as FormulaFunction;
    this.expect('(');
    const args: FormulaNode[] = [this.expr(depth + 1)];
    while (this.peek().text === ',') {
      this.next();
      args.push(this.expr(depth + 1));
    }
    this.expect(')');
    if (fn === 'round') {
      const digits = args[1];
      const okDigits =
        args.length === 2 &&
        digits?.type === 'num' &&
        digits.value.d === 1n &&
        digits.value.n >= 0n &&
        digits.value.n <= BigInt(FORMULA_MAX_ROUND_DIGITS);
      if (!okDigits) {
        throw new ParseError(
          'formula-bad-arguments',
          `round at ${name.pos} takes (x, n) with n a whole number 0-${FORMULA_MAX_ROUND_DIGITS} written as a literal`,
          name.pos,
        );
      }
    } else if (args.length < 2) {
      throw new ParseError(
        'formula-bad-arguments',
        `${fn} at ${name.pos} needs at least two arguments`,
        name.pos,
      );
    }
    return { type: 'call', fn, args, pos: name.pos };
  }
}

/** Parses a formula text into a tree (S5.1), or says where and why it cannot. */
export function parseFormula(src: string): Result<FormulaNode, FormulaParseReason> {
  if (src.length > FORMULA_MAX_LENGTH) {
    return fail('formula-too-long', `a formula has at most ${FORMULA_MAX_LENGTH} characters`);
  }
  try {
    return ok(new Parser(tokenize(src)).parseAll());
  } catch (e) {
    if (e instanceof ParseError) return fail(e.reason, e.message, { pos: e.pos });
    throw e;
  }
}
