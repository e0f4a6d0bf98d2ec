import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../src/protocol/close-codes.ts';
import { encodeUpdate } from '../src/protocol/messages.ts';
import type { RunningServer } from '../src/server.ts';
import {
  connectClient,
  eventually,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  tokenFor,
} from './helpers.ts';
import { mapUpdate } from './raw-client.ts';

/** mulberry32: the flipped bits follow from the seed, printed in the test name. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOC = 'org/acme/team/t1';
const SEED = 7;
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir, {
    maxMessageBytes: 4096,
    limits: { maxDocBytes: 64 * 1024, messagesPerToken: { burst: 300, perSecond: 100 } },
  });
  await seedDirectory(server);
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server.close();
  data.remove();
});

/** Two well-behaved clients on the document under attack. */
async function bystanders() {
  const left = connectClient(server, DOC, await tokenFor(principals.a1));
  const right = connectClient(server, DOC, await tokenFor(principals.a2));
  cleanups.push(
    () => left.provider.destroy(),
    () => right.provider.destroy(),
  );
  await Promise.all([synced(left.provider), synced(right.provider)]);
  return { left, right };
}

/** Sends frames on a fresh attacker socket; resolves with the close code (or 0 if still open). */
async function attack(frames: Uint8Array[], waitMs = 300): Promise<number> {
  const ws = new WebSocket(`${server.syncUrl}/${DOC}?token=${await tokenFor(principals.m1)}`);
  cleanups.push(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.on('message', () => undefined);
    ws.once('open', () => {
      // Wait for the server's first frame: the attacker is admitted, its frames are parsed.
      ws.once('message', () => {
        for (const f of frames) ws.send(f);
        setTimeout(() => resolve(0), waitMs);
      });
    });
    ws.once('close', (code) => resolve(code));
    ws.once('error', reject);
  });
}

/** The bystanders still sync both ways and the server still answers HTTP. */
async function stillFine(b: Awaited<ReturnType<typeof bystanders>>, tag: string): Promise<void> {
  b.left.doc.getMap('ok').set(tag, 'left');
  b.right.doc.getMap('ok').set(`${tag}-r`, 'right');
  await eventually(
    () =>
      b.right.doc.getMap('ok').get(tag) === 'left' &&
      b.left.doc.getMap('ok').get(`${tag}-r`) === 'right',
  );
  expect(b.left.provider.wsconnected && b.right.provider.wsconnected).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe('adversarial frames do not touch other clients of the document', () => {
  it('ADV-1 empty, unknown-type and truncated frames close the sender with 1007 only', async () => {
    const b = await bystanders();
    expect(await attack([new Uint8Array(0)])).toBe(CloseCode.invalidMessage);
    const unknown = encoding.createEncoder();
    encoding.writeVarUint(unknown, 42);
    expect(await attack([encoding.toUint8Array(unknown)])).toBe(CloseCode.invalidMessage);
    const good = encodeUpdate(mapUpdate('x', 'y'));
    expect(await attack([good.slice(0, 3)])).toBe(CloseCode.invalidMessage);
    await stillFine(b, 'after-malformed');
  });

  it(`ADV-2 bit-flipped updates (seed ${SEED}) never break the document for the others`, async () => {
    const b = await bystanders();
    const random = prng(SEED);
    const codes = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const doc = new Y.Doc();
      doc.getMap('m').set(`flip${i}`, { text: 'abc'.repeat(5), n: i });
      doc.getText('t').insert(0, 'hello');
      const frame = encodeUpdate(Y.encodeStateAsUpdate(doc));
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips; f++) {
        const at = 1 + Math.floor(random() * (frame.length - 1));
        frame[at]! ^= 1 << Math.floor(random() * 8);
      }
      codes.add(await attack([frame], 30));
    }
    // Some flips still decode (the update is applied as whatever it now says), others do not.
    for (const code of codes) expect([0, CloseCode.invalidMessage]).toContain(code);
    await stillFine(b, 'after-flips');
    const serverDoc = server.registry.peek(DOC)!.doc;
    expect(JSON.stringify(serverDoc.getMap('ok').toJSON())).toBe(
      JSON.stringify(b.left.doc.getMap('ok').toJSON()),
    );
  }, 30_000);

  it('ADV-3 an oversized frame closes with 4413; a document past its size limit too', async () => {
    const b = await bystanders();
    const big = encodeUpdate(mapUpdate('big', 'x'.repeat(6000)));
    expect(await attack([big])).toBe(CloseCode.tooLarge);
    // Frames under the frame limit that together grow the document past 64 KiB.
    const doc = new Y.Doc();
    const chunks = Array.from({ length: 30 }, (_, i) =>
      encodeUpdate(mapUpdate(`c${i}`, 'y'.repeat(3000), doc)),
    );
    expect(await attack(chunks, 1000)).toBe(CloseCode.tooLarge);
    expect(server.registry.peek(DOC)!.storedBytes).toBeLessThanOrEqual(64 * 1024);
    await stillFine(b, 'after-oversized');
  });

  it('ADV-4 a flood closes the flooder with 4429 and the others keep syncing', async () => {
    const b = await bystanders();
    const doc = new Y.Doc();
    const flood = Array.from({ length: 3000 }, (_, i) => encodeUpdate(mapUpdate('f', i, doc)));
    expect(await attack(flood, 2000)).toBe(CloseCode.rateLimited);
    await stillFine(b, 'after-flood');
  }, 15_000);
});
