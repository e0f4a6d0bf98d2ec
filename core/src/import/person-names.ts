import { slugify } from '../model/ids.ts';

/** A person's name split the way manager references need it: first, middle parts, last. */
export interface NameParts {
  /** The name as shown in Firstline: "First M Last". */
  display: string;
  first: string;
  middle: string[];
  last: string;
}

/** Squeezes runs of spaces ("DeGweck,  James"); returns the cleaned text. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits a name cell. "Last, First M" (HR exports) becomes "First M Last"; a name without a comma
 * is read as "First ... Last". Exports are inconsistent about the space after the comma
 * ("Roup,Simon"), so the comma alone decides.
 */
export function splitName(raw: string, order: 'first-last' | 'last-comma-first'): NameParts {
  const text = collapseSpaces(raw);
  const comma = text.indexOf(',');
  if (order === 'last-comma-first' && comma > 0) {
    const last = text.slice(0, comma).trim();
    const given = text
      .slice(comma + 1)
      .trim()
      .split(' ')
      .filter((t) => t !== '');
    const [first = '', ...middle] = given;
    const display = [...given, last].join(' ');
    return first === ''
      ? { display: last, first: last, middle: [], last }
      : { display, first, middle, last };
  }
  const tokens = text.split(' ').filter((t) => t !== '');
  const first = tokens[0] ?? '';
  const last = tokens.length > 1 ? (tokens[tokens.length - 1] ?? '') : '';
  return { display: text, first, middle: tokens.slice(1, -1), last };
}

function normal(part: string): string {
  return part.replace(/\.$/, '').toLowerCase();
}

/** The key a manager reference and an employee row must share: first and last name. */
export function nameKey(parts: NameParts): string {
  return `${normal(parts.first)} ${normal(parts.last)}`;
}

/**
 * Whether two names' middle parts are compatible: equal initials, or one side has none. "Brandon R.
 * LeBlanc" matches "LeBlanc, Brandon  R"; it would not match a "Brandon T LeBlanc".
 */
export function middlesAgree(a: NameParts, b: NameParts): boolean {
  if (a.middle.length === 0 || b.middle.length === 0) return true;
  return normal(a.middle[0] ?? '').charAt(0) === normal(b.middle[0] ?? '').charAt(0);
}

/**
 * An id fragment from free text that always satisfies the `Id` pattern. Names in other scripts
 * (Chinese department names) have no ASCII slug, so a short stable hash of the text is added;
 * the same text always gives the same fragment, which re-imports rely on.
 */
export function idFragment(text: string): string {
  const slug = slugify(text);
  const ascii = slug
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (ascii === slug && ascii !== '' && ascii !== 'x') return ascii;
  let hash = 0x811c9dc5;
  for (const ch of text.trim().toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const tag = hash.toString(16).padStart(8, '0');
  return ascii === '' || ascii === 'x' ? `h${tag}` : `${ascii}-${tag}`;
}

/** An external id made safe for an `Id`: characters outside the pattern become "-". */
export function safeIdPart(externalId: string): string {
  return externalId.replace(/[^A-Za-z0-9._:-]/g, '-');
}
