import { describe, expect, it } from 'vitest';
import { docName, parseDocName } from './names.ts';

describe('document names', () => {
  it('round-trips every kind', () => {
    const names = [
      'org/acme/directory',
      'org/acme/strategy',
      'org/acme/team/team-1',
      'org/acme/person/emp-1/record',
      'org/acme/person/emp-1/private',
      'org/acme/person/emp-1/coaching',
      'org/acme/person/emp-1/one-on-one',
      'org/acme/cycle/2026/scorecard/emp-1',
      'org/acme/cycle/2026/review/emp-1/emp-2',
      'org/acme/cycle/2026/feedback/emp-1',
      'org/acme/user/emp-1/prefs',
    ];
    for (const name of names) {
      const ref = parseDocName(name);
      expect(ref, name).not.toBeNull();
      expect(docName(ref!)).toBe(name);
    }
  });

  it('rejects traversal, empty segments and unknown shapes', () => {
    for (const bad of [
      '',
      'org',
      'org/acme',
      'org/../directory',
      'org/acme/directory/',
      'org//directory',
      'org/acme/person/emp-1/salary',
      'org/acme/team/a b',
      'x/acme/directory',
      `org/${'a'.repeat(500)}/directory`,
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});
