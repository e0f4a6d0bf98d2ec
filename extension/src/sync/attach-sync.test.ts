import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startRelayServer, type RelayServer } from '../../test/relay-server.ts';
import { createDocDb, type DocDb } from '../store/doc-db.ts';
import { createDocStore, type DocStore, type OpenedDoc } from '../store/doc-store.ts';
import type { ConnectionState } from './connection-state.ts';
import { syncBaseUrl } from './attach-sync.ts';

const WS = NodeWebSocket as unknown as typeof WebSocket;
let server: RelayServer;
const cleanups: (() => void)[] = [];
let n = 0;

function store(token = 'T'): { store: DocStore; db: DocDb } {
  n += 1;
  const db = createDocDb(`firstline-sync-${Date.now()}-${n}`);
  const s = createDocStore(db, { serverUrl: server.url, token, WebSocketPolyfill: WS });
  cleanups.push(() => {
    s.close();
    db.close();
  });
  return { store: s, db };
}

function until(opened: OpenedDoc, status: ConnectionState['status']): Promise<ConnectionState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never reached ${status}`)), 4000);
    const stop = opened.onConnection((s) => {
      if (s.status !== status) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    });
  });
}

beforeEach(async () => {
  server = await startRelayServer();
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server.stop();
});

describe('syncBaseUrl', () => {
  it('turns http into ws and appends /sync once', () => {
    expect(syncBaseUrl('http://localhost:8787/')).toBe('ws://localhost:8787/sync');
    expect(syncBaseUrl('https://fl.example.com')).toBe('wss://fl.example.com/sync');
    expect(syncBaseUrl(' ws://h:1 ')).toBe('ws://h:1/sync');
  });
});

describe('attachSync over a real socket', () => {
  it('syncs two stores through the server and reports synced', async () => {
    const name = 'org/acme/person/p1/record';
    const a = store().store.openDoc(name);
    const b = store().store.openDoc(name);
    await Promise.all([until(a, 'synced'), until(b, 'synced')]);
    a.doc.getArray('notes').push(['from a']);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.doc.getArray('notes').toArray()).toEqual(['from a']);
    expect(server.docs.get(name)?.getArray('notes').toArray()).toEqual(['from a']);
  });

  it('sends edits made before the connection once it is up (offline edits merge)', async () => {
    const name = 'org/acme/directory';
    const remote = store().store.openDoc(name);
    await until(remote, 'synced');
    remote.doc.getMap('people').set('p2', { name: 'Remote' });
    // A client whose first edit lands in IndexedDB before its socket syncs.
    const local = store().store.openDoc(name);
    await local.whenLoaded;
    local.doc.getMap('people').set('p1', { name: 'Local' });
    await until(local, 'synced');
    await new Promise((r) => setTimeout(r, 100));
    expect([...local.doc.getMap('people').keys()].sort()).toEqual(['p1', 'p2']);
    expect([...remote.doc.getMap('people').keys()].sort()).toEqual(['p1', 'p2']);
  });

  it.each([4401, 4403])('stops reconnecting after close code %i and says denied', async (code) => {
    const name = 'org/acme/person/secret/record';
    server.refuse.set(name, code);
    const opened = store().store.openDoc(name);
    const state = await until(opened, 'denied');
    expect(state).toEqual({ status: 'denied', code, reason: 'refused by test' });
    await new Promise((r) => setTimeout(r, 700));
    expect(server.connections.get(name)).toBe(1);
    expect(opened.connection().status).toBe('denied');
  });

  it('sends a token pasted with spaces and a line break trimmed (user test)', async () => {
    const opened = store('  eyJ.token.sig\n').store.openDoc('org/acme/strategy');
    await until(opened, 'synced');
    expect(server.tokens).toEqual(['eyJ.token.sig']);
  });

  it('keeps retrying after a rate-limit close (4429)', async () => {
    const name = 'org/acme/strategy';
    server.refuse.set(name, 4429);
    const opened = store().store.openDoc(name);
    await opened.whenLoaded;
    await new Promise((r) => setTimeout(r, 900));
    expect(server.connections.get(name)).toBeGreaterThan(1);
    expect(opened.connection().status).not.toBe('denied');
  });
});
