import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer } from '../src/server.ts';
import type { DocStore } from '../src/storage/doc-store.ts';
import { createSqliteStore } from '../src/storage/sqlite-store.ts';
import { join } from 'node:path';
import {
  closeCodeOf,
  connectClient,
  eventually,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  tokenFor,
} from './helpers.ts';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
const cleanups: (() => void | Promise<void>)[] = [];
const afterServer: (() => void)[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir);
  await seedDirectory(server);
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server.close();
  for (const c of afterServer.splice(0)) c();
  data.remove();
});

function client(docName: string, token: string, doc?: Y.Doc) {
  const c = connectClient(server, docName, token, doc);
  cleanups.push(() => c.provider.destroy());
  return c;
}

describe('upgrade refusals', () => {
  it('closes with 4401 for a wrong token and an expired token, after completing the upgrade', async () => {
    const forged = (await tokenFor(principals.a1)).slice(0, -4) + 'AAAA';
    const wrong = await closeCodeOf(`${server.syncUrl}/org/acme/team/t1?token=${forged}`);
    expect(wrong).toMatchObject({ code: CloseCode.badToken, opened: true });
    const expired = await tokenFor(principals.a1, -60);
    const late = await closeCodeOf(`${server.syncUrl}/org/acme/team/t1?token=${expired}`);
    expect(late).toEqual({ code: CloseCode.badToken, reason: 'token-expired', opened: true });
    const none = await closeCodeOf(`${server.syncUrl}/org/acme/team/t1`);
    expect(none.code).toBe(CloseCode.badToken);
  });

  it('closes with 4400 for a document name that does not parse', async () => {
    const token = await tokenFor(principals.a1);
    const bad = await closeCodeOf(`${server.syncUrl}/org/acme/person/a1/salary?token=${token}`);
    expect(bad.code).toBe(CloseCode.badDocName);
    const traversal = await closeCodeOf(`${server.syncUrl}/org/acme/..%2F..%2Fetc?token=${token}`);
    expect(traversal.code).toBe(CloseCode.badDocName);
  });

  it("closes with 4403 when a member opens another team's doc or a peer's record", async () => {
    const token = await tokenFor(principals.a1);
    const team = await closeCodeOf(`${server.syncUrl}/org/acme/team/t2?token=${token}`);
    expect(team).toMatchObject({ code: CloseCode.forbidden, opened: true });
    const peer = await closeCodeOf(`${server.syncUrl}/org/acme/person/a2/record?token=${token}`);
    expect(peer.code).toBe(CloseCode.forbidden);
    const otherOrg = await closeCodeOf(`${server.syncUrl}/org/other/directory?token=${token}`);
    expect(otherOrg.code).toBe(CloseCode.forbidden);
  });

  it('lets the stock y-websocket client see the close code', async () => {
    const token = await tokenFor(principals.a1);
    const { provider } = client('org/acme/team/t2', token);
    const code = await new Promise<number>((resolve) => {
      provider.on('connection-close', (event) => {
        if (event) resolve(event.code);
      });
    });
    expect(code).toBe(CloseCode.forbidden);
  });
});

describe('sync', () => {
  it('two real y-websocket clients converge', async () => {
    const [m1, a1] = [await tokenFor(principals.m1), await tokenFor(principals.a1)];
    const left = client('org/acme/team/t1', m1);
    const right = client('org/acme/team/t1', a1);
    await Promise.all([synced(left.provider), synced(right.provider)]);
    left.doc.getMap('goals').set('g1', { title: 'from m1' });
    right.doc.getMap('goals').set('g2', { title: 'from a1' });
    right.doc.getText('notes').insert(0, 'hello');
    left.doc.getText('notes').insert(0, 'world ');
    await eventually(
      () =>
        left.doc.getMap('goals').size === 2 &&
        right.doc.getMap('goals').size === 2 &&
        left.doc.getText('notes').length === 11 &&
        right.doc.getText('notes').length === 11,
    );
    expect(left.doc.getText('notes').toString()).toBe(right.doc.getText('notes').toString());
    expect(left.doc.getMap('goals').toJSON()).toEqual(right.doc.getMap('goals').toJSON());
    const serverCopy = server.registry.peek('org/acme/team/t1')!.doc;
    expect(serverCopy.getMap('goals').toJSON()).toEqual(left.doc.getMap('goals').toJSON());
  });

  it('drops updates from a read-only connection without applying them', async () => {
    // hr1 may read a1's private goals but not write them; a1 may write.
    const reader = client('org/acme/person/a1/private', await tokenFor(principals.hr1));
    const writer = client('org/acme/person/a1/private', await tokenFor(principals.a1));
    await Promise.all([synced(reader.provider), synced(writer.provider)]);
    writer.doc.getMap('goals').set('w', 1);
    await eventually(() => reader.doc.getMap('goals').get('w') === 1);
    reader.doc.getMap('goals').set('r', 2);
    writer.doc.getMap('goals').set('w2', 3);
    await eventually(() => reader.doc.getMap('goals').get('w2') === 3);
    const serverDoc = server.registry.peek('org/acme/person/a1/private')!.doc;
    expect(serverDoc.getMap('goals').toJSON()).toEqual({ w: 1, w2: 3 });
    expect(writer.doc.getMap('goals').has('r')).toBe(false);
    const stored = await server.registry.snapshot('org/acme/person/a1/private');
    expect(stored.getMap('goals').has('r')).toBe(false);
  });

  it('an edit survives a server restart on the same data dir', async () => {
    const token = await tokenFor(principals.m1);
    const first = client('org/acme/person/a1/coaching', token);
    await synced(first.provider);
    first.doc.getArray('log').push(['talked about goals']);
    await eventually(
      () => server.registry.peek('org/acme/person/a1/coaching')?.doc.getArray('log').length === 1,
    );
    first.provider.destroy();
    await server.close();
    server = await startTestServer(data.dir);
    const second = client('org/acme/person/a1/coaching', token);
    await synced(second.provider);
    expect(second.doc.getArray('log').toArray()).toEqual(['talked about goals']);
  });
});

describe('access follows the directory', () => {
  it('a reorganisation closes a connection that lost access with 4403 and leaves others open', async () => {
    const m1 = client('org/acme/person/a1/record', await tokenFor(principals.m1));
    const a2 = client('org/acme/person/a2/private', await tokenFor(principals.a2));
    await Promise.all([synced(m1.provider), synced(a2.provider)]);
    const closed = new Promise<number>((resolve) => {
      m1.provider.on('connection-close', (event) => {
        if (event) resolve(event.code);
      });
    });
    const shared = await server.registry.acquire('org/acme/directory');
    const people = shared.doc.getMap<Record<string, unknown>>('people');
    people.set('a1', { ...people.get('a1')!, managerId: 'm2', unitId: 't2' });
    server.registry.release(shared);
    expect(await closed).toBe(CloseCode.forbidden);
    // a2 keeps writing their own private goals: their access did not change.
    a2.doc.getMap('goals').set('still', true);
    await eventually(
      () =>
        server.registry.peek('org/acme/person/a2/private')?.doc.getMap('goals').get('still') ===
        true,
    );
    const reopened = await closeCodeOf(
      `${server.syncUrl}/org/acme/person/a1/record?token=${await tokenFor(principals.m1)}`,
    );
    expect(reopened.code).toBe(CloseCode.forbidden);
  });

  it('a reorganisation downgrades a writer to a reader on an open connection', async () => {
    // m1 writes a1's 1:1 as direct manager; once a1 reports to a2, m1 is skip-level: read only.
    const m1 = client('org/acme/person/a1/one-on-one', await tokenFor(principals.m1));
    await synced(m1.provider);
    m1.doc.getMap('agenda').set('before', 1);
    const name = 'org/acme/person/a1/one-on-one';
    await eventually(() => server.registry.peek(name)?.doc.getMap('agenda').get('before') === 1);
    const shared = await server.registry.acquire('org/acme/directory');
    const people = shared.doc.getMap<Record<string, unknown>>('people');
    people.set('a1', { ...people.get('a1')!, managerId: 'a2' });
    server.registry.release(shared);
    await new Promise((r) => setTimeout(r, 50));
    m1.doc.getMap('agenda').set('after', 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.registry.peek(name)?.doc.getMap('agenda').toJSON()).toEqual({ before: 1 });
    expect(m1.provider.wsconnected).toBe(true);
  });
});

describe('storage ordering', () => {
  it('a slow store does not let a client sync an empty document', async () => {
    await server.close();
    const sqlite = createSqliteStore(join(data.dir, 'slow.sqlite'));
    const seed = new Y.Doc();
    seed.getMap('goals').set('kept', 'stored before the client came');
    sqlite.append('org/acme/team/t1', Y.encodeStateAsUpdate(seed));
    let loads = 0;
    const slow: DocStore = {
      load: async (name) => {
        loads += 1;
        await new Promise((r) => setTimeout(r, 300));
        return sqlite.load(name);
      },
      append: (name, update) => sqlite.append(name, update),
      compact: (name, snapshot, through) => sqlite.compact(name, snapshot, through),
      list: (prefix) => sqlite.list(prefix),
      close: () => sqlite.close(),
    };
    server = await startTestServer(data.dir, { store: slow });
    afterServer.push(() => sqlite.close());
    await seedDirectory(server);
    const { doc, provider } = client('org/acme/team/t1', await tokenFor(principals.a1));
    let sawEmptySynced = false;
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced && doc.getMap('goals').size === 0) sawEmptySynced = true;
    });
    await synced(provider, 10_000);
    expect(sawEmptySynced).toBe(false);
    expect(doc.getMap('goals').get('kept')).toBe('stored before the client came');
    expect(loads).toBeGreaterThanOrEqual(2);
  });

  it('commits an update to the store before relaying it', async () => {
    const writer = client('org/acme/team/t1', await tokenFor(principals.m1));
    const watcher = client('org/acme/team/t1', await tokenFor(principals.a1));
    await Promise.all([synced(writer.provider), synced(watcher.provider)]);
    const onDisk: boolean[] = [];
    watcher.doc.on('update', () => {
      const stored = server.registry.store.load('org/acme/team/t1') as { updates: Uint8Array[] };
      const check = new Y.Doc();
      for (const u of stored.updates) Y.applyUpdate(check, u);
      onDisk.push(check.getMap('goals').get('g') === 'v');
    });
    writer.doc.getMap('goals').set('g', 'v');
    await eventually(() => onDisk.length > 0);
    expect(onDisk).toEqual([true]);
  });

  it('compaction keeps content and shrinks the log', async () => {
    await server.close();
    server = await startTestServer(data.dir, { compactEvery: 5, unloadGraceMs: 50 });
    const { doc, provider } = client('org/acme/team/t1', await tokenFor(principals.m1));
    await synced(provider);
    for (let i = 0; i < 23; i++) doc.getMap('goals').set(`g${i}`, i);
    doc.getText('notes').insert(0, 'compacted text');
    await eventually(
      () => server.registry.peek('org/acme/team/t1')?.doc.getText('notes').length === 14,
    );
    const loaded = await server.registry.store.load('org/acme/team/t1');
    expect(loaded.updates.length).toBeLessThan(8);
    provider.destroy();
    await eventually(() => !server.registry.loadedNames().includes('org/acme/team/t1'));
    await eventually(() => server.registry.peek('org/acme/team/t1') === undefined);
    const afterUnload = await server.registry.store.load('org/acme/team/t1');
    expect(afterUnload.updates.length).toBe(1);
    const check = new Y.Doc();
    Y.applyUpdate(check, afterUnload.updates[0]!);
    expect(check.getMap('goals').size).toBe(23);
    expect(check.getText('notes').toString()).toBe('compacted text');
  });
});
