import type { z } from 'zod';

/**
 * One thing wrong with a scorecard input, located by its path (S7.2). A file may have several
 * problems; reporting all of them at once saves the author a round trip per typo.
 */
export interface ScoringIssue {
  /** Where in the input, e.g. `indicators[2].weight` (empty for the whole input). */
  path: string;
  /** Machine-readable cause; tests and callers branch on this. */
  reason: string;
  message: string;
}

/** Writes a path the way a person finds it in a JSON file: `indicators[2].standard.target`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Builds an issue from a path given as parts. */
export function issue(path: readonly PropertyKey[], reason: string, message: string): ScoringIssue {
  return { path: formatPath(path), reason, message };
}

/** Turns zod's issues into ours; every zod failure has the reason `invalid-input`. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ScoringIssue[] {
  return issues.map((i) => issue(i.path, 'invalid-input', i.message));
}

/** One line per issue, path first, for messages and CLI output. */
export function describeIssues(issues: readonly ScoringIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
