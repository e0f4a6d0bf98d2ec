import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@firstline/core/access/index';
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import type { Person, Unit } from '@firstline/core/model/org';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { signToken } from '../src/auth/tokens.ts';
import { silentLogger } from '../src/log/logger.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../src/server.ts';

/** The secret every test server signs with, so tests can mint tokens without reading files. */
export const TEST_SECRET = 'test-secret-of-at-least-thirty-two-bytes!!';
const secretBytes = new TextEncoder().encode(TEST_SECRET);

/** A fresh temporary data directory, removed by the returned cleanup. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real server on port 0 with a silent logger and the test secret. */
export function startTestServer(
  dataDir: string,
  extra: Partial<StartServerOptions> = {},
): Promise<RunningServer> {
  return startServer({ port: 0, dataDir, secret: TEST_SECRET, logger: silentLogger(), ...extra });
}

/** A token for the test secret; `ttlSeconds` may be negative to make an expired one. */
export function tokenFor(principal: Principal, ttlSeconds = 3600): Promise<string> {
  if (ttlSeconds > 0) return signToken(secretBytes, principal, ttlSeconds);
  // Issued an hour before it expired, `-ttlSeconds` ago.
  const issued = new Date(Date.now() + (ttlSeconds - 3600) * 1000);
  return signToken(secretBytes, principal, 3600, issued);
}

export function person(id: string, managerId: string | null, unitId: string | null): Person {
  return {
    id,
    externalId: null,
    name: `Person ${id}`,
    email: null,
    title: '',
    jobFamily: '',
    unitId,
    regionId: null,
    managerId,
    status: 'active',
    hiredOn: null,
    leftOn: null,
  };
}

export function unit(
  id: string,
  kind: Unit['kind'],
  parentId: string | null,
  headId: string | null,
): Unit {
  return { id, name: id.toUpperCase(), kind, parentId, headId };
}

/**
 * Org `acme`: company c (ceo), department d1 (head m1 reports to ceo), team t1 (m1; a1, a2),
 * team t2 (m2; b1). Written through the server's own commit path.
 */
export async function seedDirectory(server: RunningServer): Promise<void> {
  const shared = await server.registry.acquire('org/acme/directory');
  shared.doc.transact(() => {
    shared.doc
      .getMap(DIRECTORY_MAPS.meta)
      .set('org', { id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en' });
    const units = shared.doc.getMap(DIRECTORY_MAPS.units);
    for (const u of [
      unit('c', 'company', null, 'ceo'),
      unit('d1', 'department', 'c', 'ceo'),
      unit('t1', 'team', 'd1', 'm1'),
      unit('t2', 'team', 'd1', 'm2'),
    ]) {
      units.set(u.id, u);
    }
    const people = shared.doc.getMap(DIRECTORY_MAPS.people);
    for (const p of [
      person('ceo', null, 'c'),
      person('m1', 'ceo', 't1'),
      person('a1', 'm1', 't1'),
      person('a2', 'm1', 't1'),
      person('m2', 'ceo', 't2'),
      person('b1', 'm2', 't2'),
      person('hr1', 'ceo', 'c'),
    ]) {
      people.set(p.id, p);
    }
  }, 'test-seed');
  server.registry.release(shared);
}

export const principals = {
  ceo: { personId: 'ceo', org: 'acme', role: 'member' },
  m1: { personId: 'm1', org: 'acme', role: 'member' },
  a1: { personId: 'a1', org: 'acme', role: 'member' },
  a2: { personId: 'a2', org: 'acme', role: 'member' },
  b1: { personId: 'b1', org: 'acme', role: 'member' },
  hr1: { personId: 'hr1', org: 'acme', role: 'hr' },
  admin: { personId: 'root', org: 'acme', role: 'admin' },
} satisfies Record<string, Principal>;

/** Opens a raw socket and resolves with the close code and reason the server sends. */
export function closeCodeOf(
  url: string,
): Promise<{ code: number; reason: string; opened: boolean }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let opened = false;
    ws.on('open', () => {
      opened = true;
    });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), opened }));
    ws.on('error', reject);
  });
}

/** A stock y-websocket client (the one the extension uses) for one document. */
export function connectClient(
  server: RunningServer,
  docName: string,
  token: string,
  doc: Y.Doc = new Y.Doc(),
): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(server.syncUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

/** Resolves when the provider has completed its first sync with the server. */
export function synced(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sync timed out')), timeoutMs);
    provider.once('sync', (isSynced: boolean) => {
      clearTimeout(timer);
      if (isSynced) resolve();
    });
  });
}

/** Polls until `check` holds; for effects that cross the network. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
