import type { DocFacts } from '@firstline/core/access/index';
import { NO_FACTS, needsFacts } from '@firstline/core/access/index';
import { docName, type DocRef } from '@firstline/core/docs/names';
import { isReviewSubmitted, isScorecardReleased } from '@firstline/core/docs/review-docs';
import type * as Y from 'yjs';
import type { DocRegistry } from '../documents/doc-registry.ts';

async function readFlag(
  registry: DocRegistry,
  name: string,
  key: string,
  read: (doc: Y.Doc) => boolean,
): Promise<boolean> {
  const shared = await registry.acquire(name);
  try {
    return shared.view(key, read);
  } finally {
    registry.release(shared);
  }
}

/**
 * Reads the state facts the permission rules of cycle documents need (SPEC C5.4): whether a
 * review is submitted (from the review document) and whether a scorecard is released (from the
 * scorecard document, which also governs the feedback thread). Other documents need none.
 */
export async function docFacts(registry: DocRegistry, ref: DocRef): Promise<DocFacts> {
  if (!needsFacts(ref)) return NO_FACTS;
  if (ref.kind === 'review') {
    const submitted = await readFlag(registry, docName(ref), 'review-submitted', isReviewSubmitted);
    return { ...NO_FACTS, reviewSubmitted: submitted };
  }
  if (ref.kind === 'scorecard' || ref.kind === 'feedback') {
    const card = docName({ kind: 'scorecard', org: ref.org, cycle: ref.cycle, person: ref.person });
    const released = await readFlag(registry, card, 'scorecard-released', isScorecardReleased);
    return { ...NO_FACTS, released };
  }
  return NO_FACTS;
}
