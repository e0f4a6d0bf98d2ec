import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../src/protocol/close-codes.ts';
import { encodeUpdate } from '../src/protocol/messages.ts';
import type { RunningServer } from '../src/server.ts';
import { principals, seedDirectory, startTestServer, tempDataDir, tokenFor } from './helpers.ts';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir, { maxMessageBytes: 4096 });
  await seedDirectory(server);
});

afterEach(async () => {
  await server.close();
  data.remove();
});

/** Opens a raw socket on a doc, sends `frames` once open, resolves with the close code. */
async function sendAndClose(doc: string, frames: Uint8Array[]): Promise<number> {
  const token = await tokenFor(principals.m1);
  const ws = new WebSocket(`${server.syncUrl}/${doc}?token=${token}`);
  return new Promise((resolve, reject) => {
    ws.on('open', () => frames.forEach((f) => ws.send(f)));
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

function updateFrame(mutate: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  mutate(doc);
  return encodeUpdate(Y.encodeStateAsUpdate(doc));
}

describe('adversarial frames', () => {
  it('closes with 4413 on a frame over the limit and applies nothing of it', async () => {
    const big = updateFrame((d) => d.getText('t').insert(0, 'x'.repeat(6000)));
    expect(await sendAndClose('org/acme/team/t1', [big])).toBe(CloseCode.tooLarge);
    const stored = await server.registry.snapshot('org/acme/team/t1');
    expect(stored.getText('t').length).toBe(0);
  });

  it('closes with 1007 on an unknown message type and on a truncated update', async () => {
    const unknown = encoding.createEncoder();
    encoding.writeVarUint(unknown, 99);
    expect(await sendAndClose('org/acme/team/t1', [encoding.toUint8Array(unknown)])).toBe(
      CloseCode.invalidMessage,
    );
    const good = updateFrame((d) => d.getMap('m').set('k', 'v'));
    const truncated = good.slice(0, good.length - 3);
    expect(await sendAndClose('org/acme/team/t1', [truncated])).toBe(CloseCode.invalidMessage);
  });

  it('applies a duplicated and a replayed update once', async () => {
    const frame = updateFrame((d) => d.getArray('a').push(['once']));
    const token = await tokenFor(principals.m1);
    const ws = new WebSocket(`${server.syncUrl}/org/acme/team/t1?token=${token}`);
    await new Promise((r) => ws.on('open', r));
    ws.send(frame);
    ws.send(frame);
    ws.send(frame);
    await new Promise((r) => setTimeout(r, 100));
    ws.close();
    const doc = await server.registry.snapshot('org/acme/team/t1');
    expect(doc.getArray('a').toArray()).toEqual(['once']);
    // A repeat changes nothing, so it is neither committed nor relayed again.
    expect((await server.registry.store.load('org/acme/team/t1')).updates).toHaveLength(1);
  });

  it('closes an open connection with 4401 when its token expires', async () => {
    const token = await tokenFor(principals.m1, 1);
    const ws = new WebSocket(`${server.syncUrl}/org/acme/team/t1?token=${token}`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(CloseCode.badToken);
  });
});
