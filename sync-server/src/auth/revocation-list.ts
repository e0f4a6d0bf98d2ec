import * as Y from 'yjs';
import type { DocRegistry } from '../documents/doc-registry.ts';
import type { SharedDoc } from '../documents/shared-doc.ts';
import type { DocStore } from '../storage/doc-store.ts';
import type { VerifiedToken } from './tokens.ts';

/**
 * The internal document that holds revocations. Its name does not parse as a Firstline document,
 * so no client can open it; it lives in the same store as everything else, which gives it the same
 * durability, backups and encryption, and lets a scale-out store share it between instances.
 */
export const REVOCATIONS_DOC = '_system/revocations';

/** One revocation: a single token (by `jti`), or every token of a person issued until a moment. */
export type Revocation =
  | { kind: 'token'; tokenId: string; revokedAt: number; reason: string }
  | { kind: 'person'; org: string; personId: string; revokedAt: number; reason: string };

/** What to revoke; `revokedAt` (epoch seconds) is filled in from the clock of the caller. */
export type RevocationRequest =
  | { kind: 'token'; tokenId: string; reason?: string }
  | { kind: 'person'; org: string; personId: string; reason?: string };

const MAP = 'revoked';

function keyOf(r: RevocationRequest): string {
  return r.kind === 'token' ? `token:${r.tokenId}` : `person:${r.org}/${r.personId}`;
}

/** Writes a revocation into the revocations document (inside the caller's transaction, if any). */
export function writeRevocation(doc: Y.Doc, request: RevocationRequest, now: Date): Revocation {
  const revokedAt = Math.floor(now.getTime() / 1000);
  const reason = request.reason ?? '';
  const entry: Revocation =
    request.kind === 'token'
      ? { kind: 'token', tokenId: request.tokenId, revokedAt, reason }
      : { kind: 'person', org: request.org, personId: request.personId, revokedAt, reason };
  doc.getMap<Revocation>(MAP).set(keyOf(request), entry);
  return entry;
}

/**
 * Whether `token` is revoked by the entries of `doc`: its own id is listed, or its person was
 * revoked at or after the moment it was issued (tokens minted later are valid again).
 */
export function isRevokedIn(doc: Y.Doc, token: VerifiedToken): boolean {
  const map = doc.getMap<Revocation>(MAP);
  if (token.tokenId !== null && map.has(`token:${token.tokenId}`)) return true;
  const person = map.get(`person:${token.principal.org}/${token.principal.personId}`);
  return person !== undefined && token.issuedAt <= person.revokedAt;
}

/** Every entry, sorted by key; for the admin API and the CLI. */
export function listRevocations(doc: Y.Doc): Revocation[] {
  const map = doc.getMap<Revocation>(MAP);
  return [...map.keys()].sort().map((k) => map.get(k)!);
}

/**
 * The entries of `entries` that `doc` does not honour at least as strictly: a token entry that is
 * missing, a person entry missing or revoked at an earlier moment (which would let tokens issued
 * in between through). Empty when every one of them still holds.
 */
export function weakenedRevocations(doc: Y.Doc, entries: readonly Revocation[]): Revocation[] {
  const map = doc.getMap<Revocation>(MAP);
  return entries.filter((e) => {
    const held = map.get(keyOf(e));
    if (held === undefined) return true;
    return e.kind === 'person' && held.kind === 'person' && held.revokedAt < e.revokedAt;
  });
}

/**
 * Carries the revocations of `source` into `target` so that none is undone: merges the Yjs state
 * (the usual case: both descend from one store, and the union is exact), then rewrites any entry
 * the merge left weaker than in `source` (two unrelated histories can pick the older entry of a
 * key). Returns the entries of `source`.
 */
export function mergeRevocations(target: Y.Doc, source: Y.Doc): Revocation[] {
  const entries = listRevocations(source);
  target.transact(() => {
    Y.applyUpdate(target, Y.encodeStateAsUpdate(source, Y.encodeStateVector(target)));
    const map = target.getMap<Revocation>(MAP);
    for (const e of weakenedRevocations(target, entries)) map.set(keyOf(e), e);
  }, 'revocation');
  return entries;
}

/**
 * The revocation list of a running server: the revocations document held loaded for the server's
 * lifetime, so checking a token costs a map lookup. A change (from the admin API, or arriving from
 * another instance through the store) tells the listeners, and the server closes live sockets whose
 * token it now refuses.
 */
export class RevocationList {
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly registry: DocRegistry,
    private readonly shared: SharedDoc,
  ) {
    shared.doc.on('update', this.changed);
  }

  /** Loads the list and keeps it loaded until `close`. */
  static async open(registry: DocRegistry): Promise<RevocationList> {
    return new RevocationList(registry, await registry.acquire(REVOCATIONS_DOC));
  }

  isRevoked(token: VerifiedToken): boolean {
    return isRevokedIn(this.shared.doc, token);
  }

  /** Records a revocation through the commit path (stored before anyone is told). */
  revoke(request: RevocationRequest, now: Date = new Date()): Revocation {
    let entry: Revocation | null = null;
    this.shared.doc.transact(() => {
      entry = writeRevocation(this.shared.doc, request, now);
    }, 'revocation');
    return entry!;
  }

  list(): Revocation[] {
    return listRevocations(this.shared.doc);
  }

  /** Calls `listener` after every change of the list; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.shared.doc.off('update', this.changed);
    this.listeners.clear();
    this.registry.release(this.shared);
  }

  private readonly changed = (): void => {
    for (const l of this.listeners) l();
  };
}

/**
 * Adds a revocation straight to a store no server is using (`firstline revoke` without a running
 * server): loads the document, writes the entry and appends the difference as one update.
 */
export async function revokeInStore(
  store: DocStore,
  request: RevocationRequest,
  now: Date = new Date(),
): Promise<Revocation> {
  const stored = await store.load(REVOCATIONS_DOC);
  const doc = new Y.Doc();
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  const entry = writeRevocation(doc, request, now);
  await store.append(REVOCATIONS_DOC, Y.encodeStateAsUpdate(doc, before));
  doc.destroy();
  return entry;
}
