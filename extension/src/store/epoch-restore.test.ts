import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { signToken, silentLogger, startServer, type RunningServer } from '@firstline/sync-server';
import { backupStore } from '@firstline/sync-server/backup/backup-store';
import { restoreStore } from '@firstline/sync-server/backup/restore-store';
import type { ConnectionState } from '../sync/connection-state.ts';
import { createDocDb, DOC_PROP, DOCS_TABLE, type DocDb } from './doc-db.ts';
import { createDocStore, type DocStore, type OpenedDoc, type SetAside } from './doc-store.ts';

/**
 * The client side of document epochs (INTERNALS.md, "Epochs") against the real sync server: a
 * copy made before a restore is refused with 4409, set aside whole, and replaced by the server's
 * restored document, never merged into it.
 */

const WS = NodeWebSocket as unknown as typeof WebSocket;
const SECRET = 'epoch-restore-test-secret-of-32-bytes!!';
const ADMIN = { personId: 'root', org: 'acme', role: 'admin' } as const;
const NAME = 'org/acme/person/p1/record';

const cleanups: (() => void | Promise<void>)[] = [];
let n = 0;

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-epoch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(dataDir: string, port = 0): Promise<RunningServer> {
  const server = await startServer({ port, dataDir, secret: SECRET, logger: silentLogger() });
  cleanups.push(() => server.close());
  return server;
}

function clientDb(name: string): DocDb {
  const db = createDocDb(name);
  cleanups.push(() => db.close());
  return db;
}

async function client(db: DocDb, server: RunningServer): Promise<DocStore> {
  const token = await signToken(new TextEncoder().encode(SECRET), ADMIN, 3600);
  const store = createDocStore(db, { serverUrl: server.url, token, WebSocketPolyfill: WS });
  cleanups.push(() => store.close());
  return store;
}

function until(
  opened: OpenedDoc,
  ok: (s: ConnectionState) => boolean,
  what: string,
): Promise<ConnectionState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never ${what}`)), 10_000);
    const check = (s: ConnectionState): void => {
      if (!ok(s)) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    };
    const stop = opened.onConnection(check);
    check(opened.connection());
  });
}

const saved = (s: ConnectionState): boolean => s.status === 'synced' && s.saved === true;

function nextAside(store: DocStore): Promise<SetAside> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('nothing was set aside')), 10_000);
    const stop = store.onSetAside((aside) => {
      clearTimeout(timer);
      stop();
      resolve(aside);
    });
  });
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}

const notes = (doc: Y.Doc): unknown[] => doc.getArray('notes').toArray();

/** What IndexedDB holds for the document, read the way y-dexie loads it. */
async function storedNotes(db: DocDb): Promise<unknown[]> {
  const rows = await db
    .table(`$${DOCS_TABLE}.${DOC_PROP}_updates`)
    .where('k')
    .equals(NAME)
    .toArray();
  const doc = new Y.Doc();
  for (const row of rows as { u: Uint8Array }[]) Y.applyUpdateV2(doc, row.u);
  return notes(doc);
}

async function storedEpoch(db: DocDb): Promise<string | undefined> {
  return (await db.docs.get(NAME))?.epoch;
}

/** A server with `before` stored and backed up, then `after` stored too; returns the backup. */
async function backedUpThenEdited(
  server: RunningServer,
  opened: OpenedDoc,
  dataDir: string,
): Promise<string> {
  opened.doc.getArray('notes').push(['before-1', 'before-2']);
  await until(opened, saved, 'saved before the backup');
  const file = join(tempDir(), 'backup.sqlite');
  expect((await backupStore(dataDir, file)).ok).toBe(true);
  opened.doc.getArray('notes').push(['after-backup']);
  await until(opened, saved, 'saved after the backup');
  expect(notes(await server.registry.snapshot(NAME))).toEqual([
    'before-1',
    'before-2',
    'after-backup',
  ]);
  return file;
}

describe('document epochs on the client', () => {
  it('EPOCH-CLIENT-1 an open copy refused after a restore is set aside and replaced', async () => {
    const dataDir = tempDir();
    let server = await serve(dataDir);
    const db = clientDb(`firstline-epoch-${Date.now()}-${++n}`);
    const store = await client(db, server);
    const opened = store.openDoc(NAME);
    const statuses: ConnectionState[] = [];
    const docsSeen = new Set<Y.Doc>();
    opened.onConnection((s) => {
      statuses.push(s);
      docsSeen.add(opened.doc);
    });
    await until(opened, (s) => s.status === 'synced', 'synced');
    const backup = await backedUpThenEdited(server, opened, dataDir);
    const oldEpoch = await eventually(
      () => storedEpoch(db),
      (e) => e !== undefined,
    );
    expect(oldEpoch).toMatch(/^[0-9a-f]{16}$/);

    const port = server.port;
    await server.close();
    const restored = await restoreStore(backup, dataDir, null);
    if (!restored.ok) throw new Error(`restore failed: ${restored.message}`);
    expect(restored.value.epoch).not.toBe(oldEpoch);
    // An edit made while the server is down: the server never sees it, the aside keeps it.
    opened.doc.getArray('notes').push(['offline']);
    const stale = opened.doc;
    const aside = nextAside(store);
    server = await serve(dataDir, port);

    const set = await aside;
    expect(set).toMatchObject({ name: NAME, serverEpoch: restored.value.epoch });
    const fresh = await until(opened, saved, 'saved against the restored document');
    expect(fresh.status).toBe('synced');
    expect(opened.doc).not.toBe(stale);
    // The restored state exactly: no duplicated items, nothing of the stale copy resurrected.
    expect(notes(opened.doc)).toEqual(['before-1', 'before-2']);
    expect(notes(await server.registry.snapshot(NAME))).toEqual(['before-1', 'before-2']);

    const rows = await db.asideDocs.where('name').equals(NAME).toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: set.id, epoch: oldEpoch, serverEpoch: set.serverEpoch });
    const kept = new Y.Doc();
    Y.applyUpdate(kept, rows[0]!.update);
    expect(notes(kept)).toEqual(['before-1', 'before-2', 'after-backup', 'offline']);

    expect(await storedEpoch(db)).toBe(restored.value.epoch);
    expect(
      await eventually(
        () => storedNotes(db),
        (v) => v.length === 2,
      ),
    ).toEqual(['before-1', 'before-2']);
    // The refusal was handled, not shown: the panel never saw "denied"; listeners were told of
    // the fresh doc (useDocs moves its update listener then).
    expect(statuses.filter((s) => s.status === 'denied')).toEqual([]);
    expect(docsSeen.has(opened.doc)).toBe(true);

    // The fresh copy is live: an edit reaches the restored document once.
    opened.doc.getArray('notes').push(['after-restore']);
    await until(opened, saved, 'saved after the restore');
    expect(notes(await server.registry.snapshot(NAME))).toEqual([
      'before-1',
      'before-2',
      'after-restore',
    ]);
    expect(await db.asideDocs.count()).toBe(1);
  });

  it('EPOCH-CLIENT-2 the epoch survives closing the panel; the next session is refused', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir);
    const dbName = `firstline-epoch-${Date.now()}-${++n}`;
    const db1 = clientDb(dbName);
    const store1 = await client(db1, first);
    const opened1 = store1.openDoc(NAME);
    await until(opened1, (s) => s.status === 'synced', 'synced');
    const backup = await backedUpThenEdited(first, opened1, dataDir);
    const oldEpoch = await eventually(
      () => storedEpoch(db1),
      (e) => e !== undefined,
    );
    expect(
      await eventually(
        () => storedNotes(db1),
        (v) => v.length === 3,
      ),
    ).toHaveLength(3);
    // The panel closes, then the server is restored.
    store1.close();
    db1.close();
    await first.close();
    const restored = await restoreStore(backup, dataDir, null);
    if (!restored.ok) throw new Error(`restore failed: ${restored.message}`);

    const second = await serve(dataDir);
    const db2 = clientDb(dbName);
    expect(await storedEpoch(db2)).toBe(oldEpoch);
    const store2 = await client(db2, second);
    const aside = nextAside(store2);
    const opened2 = store2.openDoc(NAME);
    await aside;
    await until(opened2, saved, 'saved against the restored document');
    expect(notes(opened2.doc)).toEqual(['before-1', 'before-2']);
    expect(notes(await second.registry.snapshot(NAME))).toEqual(['before-1', 'before-2']);
    const rows = await db2.asideDocs.toArray();
    expect(rows.map((r) => [r.name, r.epoch, r.serverEpoch])).toEqual([
      [NAME, oldEpoch, restored.value.epoch],
    ]);
    const kept = new Y.Doc();
    Y.applyUpdate(kept, rows[0]!.update);
    expect(notes(kept)).toEqual(['before-1', 'before-2', 'after-backup']);
    expect(await storedEpoch(db2)).toBe(restored.value.epoch);
  });
});
