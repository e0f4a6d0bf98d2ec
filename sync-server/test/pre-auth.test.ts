import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '@firstline/core/model/result';
import * as Y from 'yjs';
import { verifyToken } from '../src/auth/tokens.ts';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer, StartServerOptions } from '../src/server.ts';
import type { TokenVerifier } from '../src/server-context.ts';
import {
  closeCodeOf,
  principals,
  seedDirectory,
  startTestServer,
  tempDataDir,
  TEST_SECRET,
  tokenFor,
} from './helpers.ts';
import { mapUpdate, rawClient } from './raw-client.ts';

let data: ReturnType<typeof tempDataDir> | null = null;
let server: RunningServer | null = null;

afterEach(async () => {
  await server?.close();
  data?.remove();
  server = null;
  data = null;
});

async function start(extra: Partial<StartServerOptions>): Promise<RunningServer> {
  data = tempDataDir();
  server = await startTestServer(data.dir, extra);
  await seedDirectory(server);
  return server;
}

const secret = new TextEncoder().encode(TEST_SECRET);
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A verifier that takes `ms` and then refuses every token (a revoked session at the IdP, say). */
const slowRefusal =
  (ms: number): TokenVerifier =>
  async () => {
    await delay(ms);
    return fail('token-invalid', 'refused by the slow verifier');
  };

/** A verifier that takes `ms` and then verifies as usual. */
const slowAcceptance =
  (ms: number): TokenVerifier =>
  async (token) => {
    await delay(ms);
    return verifyToken(secret, token);
  };

function timeouts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('before the token is verified', () => {
  it('AUTH-1 slow verification then rejection while the client sends updates: the document is unchanged', async () => {
    const s = await start({ verifyToken: slowRefusal(400) });
    const name = 'org/acme/team/t1';
    const c = rawClient(`${s.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
    await c.opened;
    const doc = new Y.Doc();
    for (let i = 0; i < 20; i++) {
      c.sendUpdate(mapUpdate(`k${i}`, i, doc));
      await delay(10);
    }
    c.requestSave(1);
    const closed = await c.closed;
    expect(closed).toEqual({ code: CloseCode.badToken, reason: 'token-invalid' });
    expect(c.acks).toEqual([]);
    expect((await s.registry.store.load(name)).updates).toEqual([]);
    expect(s.registry.peek(name)).toBeUndefined();
  });

  it('AUTH-2 slow verification then acceptance applies what was sent meanwhile, in order', async () => {
    const s = await start({ verifyToken: slowAcceptance(300) });
    const name = 'org/acme/team/t1';
    const c = rawClient(`${s.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
    await c.opened;
    const doc = new Y.Doc();
    for (let i = 0; i < 10; i++) c.sendUpdate(mapUpdate('last', i, doc));
    c.requestSave(1);
    await c.ackFor(1);
    expect(s.registry.peek(name)?.doc.getMap('m').get('last')).toBe(9);
    c.ws.close();
  });

  it('AUTH-3 sending more than the pre-authorization cap closes with 4413 and applies nothing', async () => {
    const s = await start({
      verifyToken: slowAcceptance(500),
      limits: { preAuthMaxFrames: 5 },
    });
    const name = 'org/acme/team/t1';
    const c = rawClient(`${s.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
    await c.opened;
    const doc = new Y.Doc();
    for (let i = 0; i < 8; i++) c.sendUpdate(mapUpdate(`k${i}`, i, doc));
    expect((await c.closed).code).toBe(CloseCode.tooLarge);
    await delay(600);
    expect((await s.registry.store.load(name)).updates).toEqual([]);
  });

  it('AUTH-4 a verifier that never answers is cut off by the authorization timeout', async () => {
    const s = await start({
      verifyToken: () => new Promise(() => undefined),
      limits: { authTimeoutMs: 200 },
    });
    const closed = await closeCodeOf(`${s.syncUrl}/org/acme/team/t1?token=x`);
    expect(closed).toMatchObject({ code: CloseCode.badToken, reason: 'authorization timed out' });
  });

  it('AUTH-5 thousands of connections to denied documents leave no document or timer behind', async () => {
    const s = await start({ rateLimits: false });
    const loadedBefore = s.registry.loadedNames().sort();
    const timersBefore = timeouts();
    const token = await tokenFor(principals.a1);
    const names = ['org/acme/team/t2', 'org/acme/person/b1/record', 'org/other/directory'];
    const total = 2000;
    let refused = 0;
    for (let batch = 0; batch < total / 200; batch++) {
      const codes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          closeCodeOf(`${s.syncUrl}/${names[(batch + i) % names.length]}?token=${token}`),
        ),
      );
      refused += codes.filter((c) => c.code === CloseCode.forbidden).length;
    }
    expect(refused).toBe(total);
    await delay(50);
    expect(s.registry.loadedNames().sort()).toEqual(loadedBefore);
    expect(s.live.size).toBe(0);
    expect(timeouts()).toBeLessThanOrEqual(timersBefore + 2);
    const refusedMetric = await s.metrics.refused.get();
    expect(refusedMetric.values.find((v) => v.labels.reason === 'forbidden')?.value).toBe(total);
  }, 60_000);
});
