import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dataKeyFrom,
  generateDataKey,
  loadDataKeys,
  parseDataKey,
} from '../src/crypto/data-key.ts';
import { rotateDataKey } from '../src/crypto/rotate-key.ts';
import { DataKeyError } from '../src/crypto/sealed-blob.ts';
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

const SECRET_TEXT = 'Quarterly review: needs improvement on Zanzibar rollout';
const keyA = parseDataKey(generateDataKey());
const keyB = parseDataKey(generateDataKey());
if (!keyA.ok || !keyB.ok) throw new Error('keygen produced an unparsable key');

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  server = null;
  data.remove();
});

/** Every byte the data directory holds in SQLite files (main file, WAL), as latin1 text. */
function storeBytes(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith('firstline.sqlite'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
}

async function writeNote(s: RunningServer, text: string): Promise<void> {
  const c = connectClient(s, 'org/acme/person/a1/coaching', await tokenFor(principals.m1));
  cleanups.push(() => c.provider.destroy());
  await synced(c.provider);
  c.doc.getText('note').insert(0, text);
  await eventually(
    () => s.registry.peek('org/acme/person/a1/coaching')?.doc.getText('note').toString() === text,
  );
  c.provider.destroy();
}

describe('encryption at rest', () => {
  it('CRYPT-1 the SQLite files never contain a known plaintext; the text comes back after restart', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { dataKeys: [keyA.value], compactEvery: 3 });
    await seedDirectory(server);
    await writeNote(server, SECRET_TEXT);
    await server.close();
    server = null;
    expect(storeBytes(data.dir)).not.toContain('Zanzibar');
    expect(storeBytes(data.dir)).not.toContain('Person a1');
    server = await startTestServer(data.dir, { dataKeys: [keyA.value] });
    const doc = await server.registry.snapshot('org/acme/person/a1/coaching');
    expect(doc.getText('note').toString()).toBe(SECRET_TEXT);
  });

  it('CRYPT-1b a plain store does contain it (the check above can fail)', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { dataKeys: null });
    await seedDirectory(server);
    await writeNote(server, SECRET_TEXT);
    await server.close();
    server = null;
    expect(storeBytes(data.dir)).toContain('Zanzibar');
  });

  it('CRYPT-2 a wrong or missing key is refused at start with a clear reason', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { dataKeys: [keyA.value] });
    await server.close();
    server = null;
    const wrong = await startTestServer(data.dir, { dataKeys: [keyB.value] }).catch((e) => e);
    expect(wrong).toBeInstanceOf(DataKeyError);
    expect(wrong).toMatchObject({ reason: 'wrong-data-key' });
    expect((wrong as Error).message).toContain(keyA.value.id);
    const missing = await startTestServer(data.dir, { dataKeys: null }).catch((e) => e);
    expect(missing).toMatchObject({ reason: 'data-key-missing' });
  });

  it('CRYPT-3 rotate-key reseals every row; afterwards the old key alone is refused', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { dataKeys: [keyA.value] });
    await seedDirectory(server);
    await writeNote(server, SECRET_TEXT);
    await server.close();
    server = null;
    const rotated = rotateDataKey(data.dir, [keyB.value, keyA.value]);
    expect(rotated).toMatchObject({ ok: true, value: { keyId: keyB.value.id } });
    expect(rotated.ok && rotated.value.rows).toBeGreaterThan(1);
    const old = await startTestServer(data.dir, { dataKeys: [keyA.value] }).catch((e) => e);
    expect(old).toMatchObject({ reason: 'wrong-data-key' });
    server = await startTestServer(data.dir, { dataKeys: [keyB.value] });
    const doc = await server.registry.snapshot('org/acme/person/a1/coaching');
    expect(doc.getText('note').toString()).toBe(SECRET_TEXT);
    expect(storeBytes(data.dir)).not.toContain('Zanzibar');
  });

  it('CRYPT-4 keys are read from FIRSTLINE_DATA_KEY, current first; a malformed key is an error', () => {
    data = tempDataDir();
    const hex = keyA.value.key.toString('hex');
    const b64 = keyB.value.key.toString('base64');
    const loaded = loadDataKeys({ FIRSTLINE_DATA_KEY: `${hex}, ${b64}` });
    expect(loaded.ok && loaded.value?.map((k) => k.id)).toEqual([keyA.value.id, keyB.value.id]);
    expect(loadDataKeys({})).toEqual({ ok: true, value: null });
    expect(loadDataKeys({ FIRSTLINE_DATA_KEY: 'short' })).toMatchObject({
      ok: false,
      reason: 'bad-data-key',
    });
    expect(dataKeyFrom(keyA.value.key).id).toBe(keyA.value.id);
  });
});
