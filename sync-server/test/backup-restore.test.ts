import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupStore } from '../src/backup/backup-store.ts';
import { restoreStore } from '../src/backup/restore-store.ts';
import { main } from '../src/cli/main.ts';
import { generateDataKey, parseDataKey } from '../src/crypto/data-key.ts';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer } from '../src/server.ts';
import {
  closeCodeOf,
  connectClient,
  eventually,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  TEST_SECRET,
  tokenFor,
} from './helpers.ts';
import { rawClient } from './raw-client.ts';

const dirs: ReturnType<typeof tempDataDir>[] = [];
let server: RunningServer | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  server = null;
  for (const d of dirs.splice(0)) d.remove();
});

function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d.dir;
}

async function epochOf(s: RunningServer, name: string): Promise<string> {
  const c = rawClient(`${s.syncUrl}/${name}?token=${await tokenFor(principals.m1)}`);
  await c.opened;
  c.requestSave(1);
  const { epoch } = await c.ackFor(1);
  c.ws.close();
  return epoch;
}

describe('backup and restore', () => {
  it('BACKUP-1 a backup taken while clients write restores, verified, with a new epoch', async () => {
    const live = dir();
    server = await startTestServer(live);
    await seedDirectory(server);
    const name = 'org/acme/team/t1';
    const writer = connectClient(server, name, await tokenFor(principals.m1));
    cleanups.push(() => writer.provider.destroy());
    await synced(writer.provider);
    const oldEpoch = await epochOf(server, name);
    let i = 0;
    const typing = setInterval(() => writer.doc.getMap('m').set(`k${i++ % 50}`, i), 2);
    cleanups.push(() => clearInterval(typing));
    await new Promise((r) => setTimeout(r, 100));
    const out = join(dir(), 'backup.sqlite');
    const made = await backupStore(live, out);
    clearInterval(typing);
    expect(made).toMatchObject({ ok: true, value: { file: out } });
    expect(made.ok && made.value.docs).toBeGreaterThanOrEqual(2);
    writer.doc.getMap('m').set('after-backup', true);
    await eventually(
      () => server!.registry.peek(name)?.doc.getMap('m').has('after-backup') === true,
    );
    writer.provider.destroy();
    await server.close();
    server = null;

    const restored = await restoreStore(out, live, null);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.docs).toBe(made.ok ? made.value.docs : -1);
    expect(restored.value.previous).not.toBeNull();
    expect(existsSync(restored.value.previous!)).toBe(true);

    server = await startTestServer(live);
    const doc = await server.registry.snapshot(name);
    expect(doc.getMap('m').has('after-backup')).toBe(false);
    expect(doc.getMap('m').size).toBeGreaterThan(0);
    const newEpoch = await epochOf(server, name);
    expect(newEpoch).not.toBe(oldEpoch);
    expect(restored.value.epoch).toBe(newEpoch);
    // A client holding a copy from before the restore is told, not merged.
    const stale = await closeCodeOf(
      `${server.syncUrl}/${name}?token=${await tokenFor(principals.m1)}&epoch=${oldEpoch}`,
    );
    expect(stale).toEqual({
      code: CloseCode.epochChanged,
      reason: `epoch:${newEpoch}`,
      opened: true,
    });
  });

  it('BACKUP-2 restore refuses while a server runs on the directory, and a damaged backup', async () => {
    const live = dir();
    server = await startTestServer(live);
    await seedDirectory(server);
    const out = join(dir(), 'b.sqlite');
    expect((await backupStore(live, out)).ok).toBe(true);
    expect(await backupStore(live, out)).toMatchObject({ ok: false, reason: 'out-exists' });
    expect(await restoreStore(out, live, null)).toMatchObject({
      ok: false,
      reason: 'server-running',
    });
    await server.close();
    server = null;
    expect(await restoreStore(join(live, 'nope'), live, null)).toMatchObject({
      ok: false,
      reason: 'no-backup',
    });
  });

  it('BACKUP-3 the CLI backs up and restores an encrypted store with the key from the environment', async () => {
    const live = dir();
    const key = generateDataKey();
    const parsed = parseDataKey(key);
    if (!parsed.ok) throw new Error('bad key');
    server = await startTestServer(live, { dataKeys: [parsed.value] });
    await seedDirectory(server);
    const out = join(dir(), 'cli.sqlite');
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
    expect(await main(['node', 'firstline', 'backup', '--data', live, '--out', out], io)).toBe(0);
    await server.close();
    server = null;
    const saved = process.env.FIRSTLINE_DATA_KEY;
    try {
      delete process.env.FIRSTLINE_DATA_KEY;
      expect(await main(['node', 'firstline', 'restore', '--data', live, '--from', out], io)).toBe(
        1,
      );
      expect(lines.join('\n')).toContain('data-key');
      process.env.FIRSTLINE_DATA_KEY = key;
      expect(await main(['node', 'firstline', 'restore', '--data', live, '--from', out], io)).toBe(
        0,
      );
    } finally {
      if (saved === undefined) delete process.env.FIRSTLINE_DATA_KEY;
      else process.env.FIRSTLINE_DATA_KEY = saved;
    }
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ verified: true });
    server = await startTestServer(live, { dataKeys: [parsed.value] });
    const directory = await server.registry.snapshot('org/acme/directory');
    expect(directory.getMap('people').size).toBe(7);
    expect(Y.encodeStateVector(directory).length).toBeGreaterThan(1);
  });

  it("BACKUP-4 a restore keeps revocations made after the backup; every other document is the backup's", async () => {
    const live = dir();
    server = await startTestServer(live);
    await seedDirectory(server);
    const m1Token = await tokenFor(principals.m1);
    const b1Token = await tokenFor(principals.b1);
    const b1Jti = JSON.parse(Buffer.from(b1Token.split('.')[1]!, 'base64url').toString()).jti;
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
    const cli = (...args: string[]) => main(['node', 'firstline', ...args], io);
    const out = join(dir(), 'before-revoke.sqlite');
    expect(await cli('backup', '--data', live, '--out', out)).toBe(0);
    const saved = process.env.FIRSTLINE_JWT_SECRET;
    process.env.FIRSTLINE_JWT_SECRET = TEST_SECRET;
    try {
      // Through the running server's admin route, as an operator would.
      expect(await cli('revoke', '--data', live, '--org', 'acme', '--person', 'm1')).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.FIRSTLINE_JWT_SECRET;
      else process.env.FIRSTLINE_JWT_SECRET = saved;
    }
    await server.close();
    server = null;
    // And one more written into the stopped server's store.
    expect(await cli('revoke', '--data', live, '--token-id', b1Jti)).toBe(0);

    lines.length = 0;
    expect(await cli('restore', '--data', live, '--from', out)).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ verified: true, revocationsCarried: 2 });

    server = await startTestServer(live);
    for (const token of [m1Token, b1Token]) {
      expect(await closeCodeOf(`${server.syncUrl}/org/acme/team/t1?token=${token}`)).toMatchObject({
        code: CloseCode.badToken,
        reason: 'token-revoked',
      });
    }
    // The token of someone never revoked still works.
    const a1 = connectClient(server, 'org/acme/team/t1', await tokenFor(principals.a1));
    cleanups.push(() => a1.provider.destroy());
    await synced(a1.provider);
    expect(server.revocations.list().map((r) => r.kind)).toEqual(['person', 'token']);

    lines.length = 0;
    expect(await cli('restore', '--help')).toBe(0);
    expect(lines.join('')).toMatch(/Revocations survive a restore/);
  });

  it('BACKUP-5 a revocation already in the backup and made again later keeps the later moment', async () => {
    const live = dir();
    server = await startTestServer(live);
    await seedDirectory(server);
    server.revocations.revoke(
      { kind: 'person', org: 'acme', personId: 'm1' },
      new Date(Date.now() - 3_600_000),
    );
    const out = join(dir(), 'b.sqlite');
    expect((await backupStore(live, out)).ok).toBe(true);
    // A token issued after the first revocation, then revoked again.
    const m1Token = await tokenFor(principals.m1);
    await new Promise((r) => setTimeout(r, 1100));
    server.revocations.revoke({ kind: 'person', org: 'acme', personId: 'm1' });
    await server.close();
    server = null;
    const restored = await restoreStore(out, live, null);
    expect(restored).toMatchObject({ ok: true, value: { revocationsCarried: 1 } });
    server = await startTestServer(live);
    expect((await closeCodeOf(`${server.syncUrl}/org/acme/team/t1?token=${m1Token}`)).reason).toBe(
      'token-revoked',
    );
  });
});
