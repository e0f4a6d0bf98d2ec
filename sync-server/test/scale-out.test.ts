import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../src/server.ts';
import { createLogger, silentLogger } from '../src/log/logger.ts';
import { startScaleOutServer } from '../src/scale-out/start-scale-out.ts';
import { createPostgresStore, type SharedDocStore } from '../src/storage/postgres-store.ts';
import {
  connectClient,
  eventually,
  principals,
  seedDirectory,
  synced,
  tempDataDir,
  TEST_SECRET,
  tokenFor,
} from './helpers.ts';
import { registerMissingServices, serviceUrls, uniqueSchema } from './services.ts';

const urls = serviceUrls();

// Generous timeouts: these wait on two servers, Redis and PostgreSQL on a possibly busy machine.
describe(
  'scale-out: two instances behind one Redis and one PostgreSQL',
  { timeout: 30_000 },
  () => {
    if (urls === null) {
      registerMissingServices('scale-out');
      return;
    }
    const schema = uniqueSchema('scaleout');
    const dirs = [tempDataDir(), tempDataDir()];
    const clients: { doc: Y.Doc; provider: { destroy(): void } }[] = [];
    let a: RunningServer;
    let b: RunningServer;
    let direct: SharedDocStore;

    const start = (dir: string): Promise<RunningServer> =>
      startScaleOutServer({
        port: 0,
        dataDir: dir,
        secret: TEST_SECRET,
        logger: process.env.DEBUG_SCALE ? createLogger() : silentLogger(),
        storeUrl: urls.pg,
        redisUrl: urls.redis,
        schema,
        redisPrefix: schema,
        reconcileMs: 200,
      });

    const client = (server: RunningServer, docName: string, token: string) => {
      const c = connectClient(server, docName, token);
      clients.push(c);
      return c;
    };

    beforeAll(async () => {
      a = await start(dirs[0]!.dir);
      b = await start(dirs[1]!.dir);
      await seedDirectory(a);
      direct = await createPostgresStore({ url: urls.pg, schema, poolSize: 1 });
    });

    afterAll(async () => {
      for (const c of clients) {
        c.provider.destroy();
        c.doc.destroy();
      }
      await Promise.all([a?.close(), b?.close()]);
      await direct?.close();
      const admin = new pg.Client({ connectionString: urls.pg });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
      for (const d of dirs) d.remove();
    });

    it('an edit on instance A reaches a client on instance B, and back', async () => {
      const left = client(a, 'org/acme/team/t1', await tokenFor(principals.m1));
      const right = client(b, 'org/acme/team/t1', await tokenFor(principals.a1));
      await Promise.all([synced(left.provider), synced(right.provider)]);
      left.doc.getMap('goals').set('g1', { title: 'from A' });
      await eventually(() => right.doc.getMap('goals').has('g1'));
      right.doc.getText('notes').insert(0, 'from B');
      await eventually(() => left.doc.getText('notes').toString() === 'from B');
      expect(right.doc.getMap('goals').get('g1')).toEqual({ title: 'from A' });
      // Each update is stored once, by the instance that received it.
      const stored = await direct.load('org/acme/team/t1');
      expect(stored.updates).toHaveLength(2);
      const replay = new Y.Doc();
      for (const u of stored.updates) Y.applyUpdate(replay, u);
      expect(replay.getMap('goals').toJSON()).toEqual({ g1: { title: 'from A' } });
      expect(replay.getText('notes').toString()).toBe('from B');
    });

    it('many concurrent edits on both instances converge on every client and in the store', async () => {
      const name = 'org/acme/team/t2';
      const m2 = { personId: 'm2', org: 'acme', role: 'member' } as const;
      const token = await tokenFor(m2);
      const onA = [client(a, name, token), client(a, name, token)];
      const onB = [client(b, name, token), client(b, name, token)];
      const all = [...onA, ...onB];
      await Promise.all(all.map((c) => synced(c.provider)));
      for (let i = 0; i < 50; i++) {
        all.forEach((c, k) => c.doc.getArray<string>('log').push([`${k}:${i}`]));
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await eventually(() => all.every((c) => c.doc.getArray('log').length === 200), 10_000);
      const reference = all[0]!.doc.getArray('log').toJSON();
      for (const c of all) expect(c.doc.getArray('log').toJSON()).toEqual(reference);
      await eventually(() => b.registry.peek(name)?.doc.getArray('log').length === 200);
      const stored = await direct.load(name);
      const replay = new Y.Doc();
      for (const u of stored.updates) Y.applyUpdate(replay, u);
      expect(replay.getArray('log').toJSON()).toEqual(reference);
    });

    it('an update committed but never announced (writer died in between) still reaches B', async () => {
      const name = 'org/acme/person/a1/record';
      const reader = client(b, name, await tokenFor(principals.m1));
      await synced(reader.provider);
      const writer = new Y.Doc();
      writer.getMap('ratings').set('r1', { value: 3 });
      // Straight into the store, as an instance that crashed right after its commit would leave it.
      await direct.append(name, Y.encodeStateAsUpdate(writer));
      await eventually(() => reader.doc.getMap('ratings').has('r1'), 5000);
      expect(reader.doc.getMap('ratings').get('r1')).toEqual({ value: 3 });
    });

    it('a document loaded on B while A is writing misses nothing', async () => {
      const name = 'org/acme/person/a2/record';
      const writer = client(a, name, await tokenFor(principals.m1));
      await synced(writer.provider);
      let stop = false;
      let written = 0;
      const writing = (async () => {
        while (!stop && written < 400) {
          writer.doc.getArray<number>('n').push([written++]);
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      await new Promise((r) => setTimeout(r, 30));
      const reader = client(b, name, await tokenFor(principals.m1));
      await synced(reader.provider);
      await new Promise((r) => setTimeout(r, 30));
      stop = true;
      await writing;
      await eventually(() => reader.doc.getArray('n').length === written, 5000);
      expect(reader.doc.getArray('n').toJSON()).toEqual(writer.doc.getArray('n').toJSON());
    });

    it('presence on A is seen by a client on B', async () => {
      const name = 'org/acme/team/t1';
      const left = client(a, name, await tokenFor(principals.m1));
      const right = client(b, name, await tokenFor(principals.a1));
      await Promise.all([synced(left.provider), synced(right.provider)]);
      const providerOf = (c: { provider: unknown }) =>
        c.provider as {
          awareness: {
            clientID: number;
            setLocalStateField(k: string, v: unknown): void;
            getStates(): Map<number, Record<string, unknown>>;
          };
        };
      providerOf(left).awareness.setLocalStateField('user', { name: 'm1 on A' });
      const leftId = providerOf(left).awareness.clientID;
      await eventually(
        () => providerOf(right).awareness.getStates().get(leftId)?.user !== undefined,
        5000,
      );
      expect(providerOf(right).awareness.getStates().get(leftId)?.user).toEqual({
        name: 'm1 on A',
      });
    });
  },
);
