import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../src/protocol/close-codes.ts';
import { SAVE_MESSAGE_TYPE } from '../src/protocol/save-messages.ts';
import type { RunningServer } from '../src/server.ts';
import {
  closeCodeOf,
  connectClient,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  tokenFor,
} from './helpers.ts';
import { mapUpdate, rawClient } from './raw-client.ts';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir);
  await seedDirectory(server);
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server.close();
  data.remove();
});

async function storedMap(name: string): Promise<Record<string, unknown>> {
  const doc = new Y.Doc();
  for (const u of (await server.registry.store.load(name)).updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

describe('save acknowledgements', () => {
  it('SYNC-ACK-1 answers a save request only after the edits before it are in the store', async () => {
    const c = rawClient(
      `${server.syncUrl}/org/acme/team/t1?token=${await tokenFor(principals.m1)}`,
    );
    cleanups.push(() => c.ws.close());
    await c.opened;
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) c.sendUpdate(mapUpdate(`k${i}`, i, doc));
    c.requestSave(1);
    const ack = await c.ackFor(1);
    // The store is read at the moment the ack arrives: everything sent before it is there.
    expect(Object.keys(await storedMap('org/acme/team/t1')).sort()).toEqual([
      'k0',
      'k1',
      'k2',
      'k3',
      'k4',
    ]);
    expect(ack.refused).toBe(false);
    expect(ack.epoch).toMatch(/^[0-9a-f]{16}$/);
  });

  it('SYNC-ACK-2 flags an ack of a read-only connection whose updates were refused', async () => {
    const name = 'org/acme/person/a1/private';
    const c = rawClient(`${server.syncUrl}/${name}?token=${await tokenFor(principals.hr1)}`);
    cleanups.push(() => c.ws.close());
    await c.opened;
    c.sendUpdate(mapUpdate('sneaky', true));
    c.requestSave(7);
    expect((await c.ackFor(7)).refused).toBe(true);
    expect(await storedMap(name)).toEqual({});
  });

  it('SYNC-ACK-2b a read-only connection that only repeats what it received is saved, not refused', async () => {
    // Someone with write access puts content (and a deletion) in the document first.
    const name = 'org/acme/person/a1/private';
    const writer = new Y.Doc();
    const w = rawClient(`${server.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
    cleanups.push(() => w.ws.close());
    await w.opened;
    w.sendUpdate(mapUpdate('kept', 1, writer));
    w.sendUpdate(mapUpdate('gone', 2, writer));
    const before = Y.encodeStateVector(writer);
    writer.getMap('m').delete('gone');
    w.sendUpdate(Y.encodeStateAsUpdate(writer, before));
    w.requestSave(1);
    expect((await w.ackFor(1)).refused).toBe(false);

    // HR reads it; its copy, sent back whole as a sync answer would be, changes nothing.
    const reader = new Y.Doc();
    for (const u of (await server.registry.store.load(name)).updates) Y.applyUpdate(reader, u);
    expect(reader.getMap('m').toJSON()).toEqual({ kept: 1 });
    const r = rawClient(`${server.syncUrl}/${name}?token=${await tokenFor(principals.hr1)}`);
    cleanups.push(() => r.ws.close());
    await r.opened;
    r.sendUpdate(Y.encodeStateAsUpdate(reader));
    r.requestSave(2);
    expect((await r.ackFor(2)).refused).toBe(false);

    // A deletion of its own is an edit, and refused.
    const mark = Y.encodeStateVector(reader);
    reader.getMap('m').delete('kept');
    r.sendUpdate(Y.encodeStateAsUpdate(reader, mark));
    r.requestSave(3);
    expect((await r.ackFor(3)).refused).toBe(true);
    expect(await storedMap(name)).toEqual({ kept: 1 });
  });

  it('SYNC-ACK-2c an update that arrives before its base waits, and is stored once the base comes', async () => {
    const writer = new Y.Doc();
    writer.getArray<string>('log').push(['one']);
    const first = Y.encodeStateAsUpdate(writer);
    const mark = Y.encodeStateVector(writer);
    writer.getArray<string>('log').push(['two']);
    const second = Y.encodeStateAsUpdate(writer, mark);
    const url = `${server.syncUrl}/org/acme/team/t1?token=${await tokenFor(principals.m1)}`;
    const early = rawClient(url);
    const late = rawClient(url);
    cleanups.push(
      () => early.ws.close(),
      () => late.ws.close(),
    );
    await Promise.all([early.admitted, late.admitted]);
    early.sendUpdate(second);
    early.requestSave(1);
    // Not stored yet: the ack says so rather than claiming it is saved.
    expect((await early.ackFor(1)).refused).toBe(true);
    late.sendUpdate(first);
    late.requestSave(1);
    expect((await late.ackFor(1)).refused).toBe(false);
    const storedLog = async (): Promise<unknown> => {
      const stored = new Y.Doc();
      for (const u of (await server.registry.store.load('org/acme/team/t1')).updates) {
        Y.applyUpdate(stored, u);
      }
      return stored.getArray('log').toJSON();
    };
    let log: unknown = null;
    for (let i = 0; i < 100 && JSON.stringify(log) !== '["one","two"]'; i++) {
      log = await storedLog();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(log).toEqual(['one', 'two']);
    early.requestSave(2);
    expect((await early.ackFor(2)).refused).toBe(false);
  });

  it('SYNC-ACK-3 a stock y-websocket client never receives the message type', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const types: number[] = [];
    const { doc, provider } = connectClient(
      server,
      'org/acme/team/t1',
      await tokenFor(principals.m1),
    );
    cleanups.push(() => provider.destroy());
    const original = provider.messageHandlers.slice();
    provider.messageHandlers[SAVE_MESSAGE_TYPE] = () => types.push(SAVE_MESSAGE_TYPE);
    await synced(provider);
    doc.getMap('m').set('x', 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(types).toEqual([]);
    expect(errors).not.toHaveBeenCalledWith('Unable to compute message');
    expect(original.length).toBeLessThan(SAVE_MESSAGE_TYPE);
    errors.mockRestore();
  });
});

describe('document epochs', () => {
  it('SYNC-EPOCH-1 refuses a copy of another epoch with 4409 and the current epoch', async () => {
    const token = await tokenFor(principals.m1);
    const probe = rawClient(`${server.syncUrl}/org/acme/team/t1?token=${token}`);
    cleanups.push(() => probe.ws.close());
    await probe.opened;
    probe.requestSave(1);
    const { epoch } = await probe.ackFor(1);
    const stale = await closeCodeOf(
      `${server.syncUrl}/org/acme/team/t1?token=${token}&epoch=0000000000000000`,
    );
    expect(stale).toMatchObject({ code: CloseCode.epochChanged, reason: `epoch:${epoch}` });
    const same = rawClient(`${server.syncUrl}/org/acme/team/t1?token=${token}&epoch=${epoch}`);
    cleanups.push(() => same.ws.close());
    await same.opened;
    same.requestSave(2);
    expect((await same.ackFor(2)).epoch).toBe(epoch);
  });

  it('SYNC-EPOCH-2 the epoch survives a restart of the server', async () => {
    const token = await tokenFor(principals.m1);
    const first = rawClient(`${server.syncUrl}/org/acme/team/t1?token=${token}`);
    await first.opened;
    first.requestSave(1);
    const before = (await first.ackFor(1)).epoch;
    first.ws.close();
    await server.close();
    server = await startTestServer(data.dir);
    const second = rawClient(`${server.syncUrl}/org/acme/team/t1?token=${token}&epoch=${before}`);
    cleanups.push(() => second.ws.close());
    await second.opened;
    second.requestSave(1);
    expect((await second.ackFor(1)).epoch).toBe(before);
  });
});
