import { seededRandom } from '@firstline/core/goals/testing';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../src/log/logger.ts';
import { encodeSaveRequest, SAVE_MESSAGE_TYPE } from '../src/protocol/save-messages.ts';
import { startScaleOutServer } from '../src/scale-out/start-scale-out.ts';
import type { RunningServer } from '../src/server.ts';
import { createPostgresStore, type SharedDocStore } from '../src/storage/postgres-store.ts';
import {
  eventually,
  principals,
  seedDirectory,
  synced,
  tempDataDir,
  TEST_SECRET,
  tokenFor,
} from './helpers.ts';
import { spawnInstance, type InstanceProcess } from './scale-out-process.ts';
import { registerMissingServices, serviceUrls, uniqueSchema } from './services.ts';

const urls = serviceUrls();
const DOC = 'org/acme/team/t1';
/** Seeds run in CI; FIRSTLINE_KILL_RUNS=n adds n more derived from the clock (printed). */
const PINNED_SEEDS = [7, 1203];
const extra = Number(process.env.FIRSTLINE_KILL_RUNS ?? 0);
const seeds = [...PINNED_SEEDS, ...Array.from({ length: extra }, (_, i) => Date.now() + i)];

function provider(syncUrl: string, token: string, doc = new Y.Doc()) {
  const p = new WebsocketProvider(syncUrl, DOC, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider: p };
}

describe('scale-out: SIGKILL of one instance', () => {
  if (urls === null) {
    registerMissingServices('scale-out kill');
    return;
  }
  const schema = uniqueSchema('kill');
  const dirs = [tempDataDir(), tempDataDir()];
  let survivor: RunningServer;
  let direct: SharedDocStore;
  const victims: InstanceProcess[] = [];

  beforeAll(async () => {
    survivor = await startScaleOutServer({
      port: 0,
      dataDir: dirs[0]!.dir,
      secret: TEST_SECRET,
      logger: silentLogger(),
      storeUrl: urls.pg,
      redisUrl: urls.redis,
      schema,
      redisPrefix: schema,
      reconcileMs: 200,
    });
    await seedDirectory(survivor);
    direct = await createPostgresStore({ url: urls.pg, schema, poolSize: 1 });
  });

  afterAll(async () => {
    for (const v of victims) v.child.kill('SIGKILL');
    await survivor?.close();
    await direct?.close();
    const admin = new pg.Client({ connectionString: urls.pg });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    for (const d of dirs) d.remove();
  });

  it.each(seeds)(
    'loses nothing acknowledged when the instance a writer uses is killed (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const victim = await spawnInstance({
        dataDir: dirs[1]!.dir,
        storeUrl: urls.pg,
        redisUrl: urls.redis,
        schema,
        prefix: schema,
      });
      victims.push(victim);
      const m1 = await tokenFor(principals.m1);
      const a1 = await tokenFor(principals.a1);
      const writer = provider(victim.syncUrl, m1);
      // Sees the victim's relays: anything it holds was committed before the victim sent it.
      const local = provider(victim.syncUrl, a1);
      // Sees the survivor's relays: what reached the other instance through Redis.
      const remote = provider(survivor.syncUrl, a1);
      try {
        await Promise.all([writer, local, remote].map((c) => synced(c.provider, 15_000)));
        const key = `seed-${seed}`;
        // One edit through both instances first, so the kill never lands before the path works.
        writer.doc.getArray<string>(key).push([`${key}:warm-up`]);
        await eventually(() => remote.doc.getArray(key).length === 1, 10_000);
        // The save acknowledgement (message type 100): request n is answered once everything
        // the writer sent before it is committed; `sentBefore[n]` is what that covers.
        const sentBefore: number[] = [];
        let ackedThrough = -1;
        writer.provider.messageHandlers[SAVE_MESSAGE_TYPE] = (_enc, decoder) => {
          decoding.readVarUint(decoder);
          ackedThrough = Math.max(ackedThrough, sentBefore[decoding.readVarUint(decoder)] ?? -1);
        };
        const killAfter = 20 + Math.floor(random() * 300);
        const started = Date.now();
        let i = 0;
        // Keep writing until the kill moment, and at least until one save ack came back (a
        // loaded machine can be slow), so every run has acknowledged edits in flight.
        while (
          (Date.now() - started < killAfter || ackedThrough < 0) &&
          Date.now() - started < 15_000
        ) {
          writer.doc.getArray<string>(key).push([`${key}:${i++}`]);
          if (random() < 0.3) {
            sentBefore.push(i - 1);
            writer.provider.ws?.send(encodeSaveRequest(sentBefore.length - 1));
          }
          await new Promise((r) => setTimeout(r, Math.floor(random() * 3)));
        }
        victim.child.kill('SIGKILL');
        await victim.exited;
        // Acknowledged: answered by a save ack, or relayed to a peer (relays follow commits).
        const acknowledged = new Set([
          ...Array.from({ length: ackedThrough + 1 }, (_, k) => `${key}:${k}`),
          ...local.doc.getArray<string>(key).toArray(),
          ...remote.doc.getArray<string>(key).toArray(),
        ]);
        expect(ackedThrough, `seed ${seed}: a save ack arrived`).toBeGreaterThanOrEqual(0);
        // A client that connects to the survivor now gets every acknowledged edit.
        const fresh = provider(survivor.syncUrl, a1);
        try {
          await synced(fresh.provider, 15_000);
          const has = (): boolean => {
            const seen = new Set(fresh.doc.getArray<string>(key).toArray());
            return [...acknowledged].every((x) => seen.has(x));
          };
          await eventually(has, 5000).catch(() => undefined);
          const missing = [...acknowledged].filter(
            (x) => !fresh.doc.getArray<string>(key).toArray().includes(x),
          );
          expect(missing, `seed ${seed}: lost on the survivor`).toEqual([]);
        } finally {
          fresh.provider.destroy();
          fresh.doc.destroy();
        }
        // And so does the store itself.
        const replay = new Y.Doc();
        for (const u of (await direct.load(DOC)).updates) Y.applyUpdate(replay, u);
        const stored = new Set(replay.getArray<string>(key).toArray());
        expect(
          [...acknowledged].filter((x) => !stored.has(x)),
          `seed ${seed}`,
        ).toEqual([]);
      } finally {
        for (const c of [writer, local, remote]) {
          c.provider.destroy();
          c.doc.destroy();
        }
      }
    },
    60_000,
  );
});
