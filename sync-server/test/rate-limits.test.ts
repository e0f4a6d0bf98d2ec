import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RateLimiter } from '../src/limits/rate-limiter.ts';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer, StartServerOptions } from '../src/server.ts';
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
import { mapUpdate, rawClient } from './raw-client.ts';

let data: ReturnType<typeof tempDataDir> | null = null;
let server: RunningServer | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  data?.remove();
  server = null;
});

async function start(extra: Partial<StartServerOptions>): Promise<RunningServer> {
  data = tempDataDir();
  server = await startTestServer(data.dir, extra);
  await seedDirectory(server);
  return server;
}

describe('token buckets', () => {
  it('LIMIT-1 allow a burst, refuse beyond it, refill with time', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perSecond: 2 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('ip'))).toEqual([true, true, true, false]);
    expect(limiter.take('other')).toBe(true);
    now = 499;
    expect(limiter.take('ip')).toBe(false);
    now = 1000;
    expect(limiter.take('ip')).toBe(true);
  });
});

describe('rate limits on the server', () => {
  it('LIMIT-2 connection attempts per IP beyond the burst close with 4429', async () => {
    const s = await start({ limits: { connectionsPerIp: { burst: 5, perSecond: 0.001 } } });
    const token = await tokenFor(principals.m1);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const ws = await closeCodeOf(`${s.syncUrl}/org/acme/team/t3?token=${token}`);
      codes.push(ws.code);
    }
    // t3 does not exist in the directory: the first five are refused for access, then for rate.
    expect(codes.slice(0, 5).every((c) => c === CloseCode.forbidden)).toBe(true);
    expect(codes.slice(5)).toEqual([CloseCode.rateLimited, CloseCode.rateLimited]);
  });

  it('LIMIT-3 accepted tokens per person beyond the burst close with 4429', async () => {
    const s = await start({ limits: { connectionsPerToken: { burst: 2, perSecond: 0.001 } } });
    const token = await tokenFor(principals.a1);
    const other = await tokenFor(principals.a2);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await closeCodeOf(`${s.syncUrl}/org/acme/team/t2?token=${token}`)).code);
    expect(codes).toEqual([CloseCode.forbidden, CloseCode.forbidden, CloseCode.rateLimited]);
    // Another person from the same address is not affected.
    expect((await closeCodeOf(`${s.syncUrl}/org/acme/team/t2?token=${other}`)).code).toBe(
      CloseCode.forbidden,
    );
  });

  it('LIMIT-4 a message flood closes the flooder with 4429; another client on the document is unaffected', async () => {
    const s = await start({ limits: { messagesPerToken: { burst: 200, perSecond: 50 } } });
    const name = 'org/acme/team/t1';
    const calm = connectClient(s, name, await tokenFor(principals.a1));
    cleanups.push(() => calm.provider.destroy());
    await synced(calm.provider);
    const flood = rawClient(`${s.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
    // Flood only once admitted: before that the pre-auth cap (4413) would stop it first.
    await flood.admitted;
    const doc = new Y.Doc();
    for (let i = 0; i < 2000; i++) flood.sendUpdate(mapUpdate('n', i, doc));
    expect((await flood.closed).code).toBe(CloseCode.rateLimited);
    const applied = s.registry.peek(name)!.doc.getMap('m').get('n') as number;
    expect(applied).toBeLessThan(1999);
    calm.doc.getMap('calm').set('still', 'here');
    await eventually(() => s.registry.peek(name)?.doc.getMap('calm').get('still') === 'here');
    expect(calm.provider.wsconnected).toBe(true);
    const closed = await s.metrics.closed.get();
    expect(closed.values.find((v) => v.labels.reason === 'rate-limited')?.value).toBe(1);
  });
});
