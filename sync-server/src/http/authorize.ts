import type { Access, DocFacts, Principal } from '@firstline/core/access/index';
import { decideAccess, NO_FACTS } from '@firstline/core/access/index';
import { readDirectory, type Directory } from '@firstline/core/docs/directory';
import type { DocRef } from '@firstline/core/docs/names';
import type { DocRegistry } from '../documents/doc-registry.ts';
import { docFacts } from './doc-facts.ts';

/** The directory document name of an organisation. */
export function directoryName(org: string): string {
  return `org/${org}/directory`;
}

/**
 * Reads an organisation's directory as it is now (loading it if needed, and letting it unload after
 * the grace period), so every permission check sees the latest manager chain.
 */
export async function currentDirectory(registry: DocRegistry, org: string): Promise<Directory> {
  const shared = await registry.acquire(directoryName(org));
  try {
    return shared.view('directory', readDirectory);
  } finally {
    registry.release(shared);
  }
}

/**
 * Runs the permission function against the current directory. A principal of another org is
 * denied before anything is loaded, so a stranger's token cannot make the server load documents.
 * Cycle documents also need facts from their own state (SPEC C5.4); those documents are read only
 * when the answer could depend on them, so a refusal that holds either way loads nothing more.
 */
export async function accessFor(
  registry: DocRegistry,
  principal: Principal,
  ref: DocRef,
): Promise<{ access: Access; facts: DocFacts }> {
  if (principal.org !== ref.org) return { access: 'deny', facts: NO_FACTS };
  const directory = await currentDirectory(registry, ref.org);
  const without = decideAccess(principal, ref, directory, NO_FACTS);
  const all: DocFacts = { reviewSubmitted: true, released: true };
  if (without === decideAccess(principal, ref, directory, all)) {
    return { access: without, facts: NO_FACTS };
  }
  const facts = await docFacts(registry, ref);
  return { access: decideAccess(principal, ref, directory, facts), facts };
}
