/**
 * Document names. The Yjs document is the unit of permission: whoever may read a document gets all
 * of it, so data is split into documents along the lines of who may see it. Every document name is
 * parsed here, and anything this parser rejects is refused by the server before it is loaded.
 */
export type DocRef =
  | { kind: 'directory'; org: string }
  | { kind: 'strategy'; org: string }
  | { kind: 'team'; org: string; unit: string }
  | { kind: 'person-record'; org: string; person: string }
  | { kind: 'person-private'; org: string; person: string }
  | { kind: 'person-coaching'; org: string; person: string }
  | { kind: 'person-one-on-one'; org: string; person: string }
  | { kind: 'scorecard'; org: string; cycle: string; person: string }
  | { kind: 'review'; org: string; cycle: string; person: string; rater: string }
  | { kind: 'feedback'; org: string; cycle: string; person: string }
  | { kind: 'prefs'; org: string; user: string };

export type DocKind = DocRef['kind'];

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/;

const PERSON_DOCS = {
  record: 'person-record',
  private: 'person-private',
  coaching: 'person-coaching',
  'one-on-one': 'person-one-on-one',
} as const;

/** Parses `org/{org}/...`; returns null for anything that is not exactly one of the known shapes. */
export function parseDocName(name: string): DocRef | null {
  if (name.length > 400) return null;
  const parts = name.split('/');
  if (!parts.every((p) => SEGMENT.test(p))) return null;
  const [root, org, kind, a, b, c, d] = parts;
  if (root !== 'org' || org === undefined) return null;
  switch (parts.length) {
    case 3:
      if (kind === 'directory') return { kind: 'directory', org };
      if (kind === 'strategy') return { kind: 'strategy', org };
      return null;
    case 4:
      if (kind === 'team' && a) return { kind: 'team', org, unit: a };
      return null;
    case 5:
      if (kind === 'person' && a && b && b in PERSON_DOCS) {
        return { kind: PERSON_DOCS[b as keyof typeof PERSON_DOCS], org, person: a };
      }
      if (kind === 'user' && a && b === 'prefs') return { kind: 'prefs', org, user: a };
      return null;
    case 6:
      if (kind === 'cycle' && a && c) {
        if (b === 'scorecard') return { kind: 'scorecard', org, cycle: a, person: c };
        if (b === 'feedback') return { kind: 'feedback', org, cycle: a, person: c };
      }
      return null;
    case 7:
      if (kind === 'cycle' && a && b === 'review' && c && d) {
        return { kind: 'review', org, cycle: a, person: c, rater: d };
      }
      return null;
    default:
      return null;
  }
}

/** The inverse of `parseDocName`. */
export function docName(ref: DocRef): string {
  switch (ref.kind) {
    case 'directory':
      return `org/${ref.org}/directory`;
    case 'strategy':
      return `org/${ref.org}/strategy`;
    case 'team':
      return `org/${ref.org}/team/${ref.unit}`;
    case 'person-record':
      return `org/${ref.org}/person/${ref.person}/record`;
    case 'person-private':
      return `org/${ref.org}/person/${ref.person}/private`;
    case 'person-coaching':
      return `org/${ref.org}/person/${ref.person}/coaching`;
    case 'person-one-on-one':
      return `org/${ref.org}/person/${ref.person}/one-on-one`;
    case 'scorecard':
      return `org/${ref.org}/cycle/${ref.cycle}/scorecard/${ref.person}`;
    case 'review':
      return `org/${ref.org}/cycle/${ref.cycle}/review/${ref.person}/${ref.rater}`;
    case 'feedback':
      return `org/${ref.org}/cycle/${ref.cycle}/feedback/${ref.person}`;
    case 'prefs':
      return `org/${ref.org}/user/${ref.user}/prefs`;
  }
}
