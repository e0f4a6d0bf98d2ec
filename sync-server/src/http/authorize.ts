import type { Access, Principal } from '@firstline/core/access/index';
import { decideAccess } from '@firstline/core/access/index';
import { readDirectory, type Directory } from '@firstline/core/docs/directory';
import type { DocRef } from '@firstline/core/docs/names';
import type { DocRegistry } from '../documents/doc-registry.ts';

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
 */
export async function accessFor(
  registry: DocRegistry,
  principal: Principal,
  ref: DocRef,
): Promise<Access> {
  if (principal.org !== ref.org) return 'deny';
  return decideAccess(principal, ref, await currentDirectory(registry, ref.org));
}
