/**
 * Goals benchmark: one team document with 10,000 goals and 50,000 progress updates.
 *
 * Measures, and prints as a table:
 * - encoded size of the document (Yjs update v1 and v2);
 * - load from IndexedDB as the side panel does it (Dexie + y-dexie through the extension's own
 *   `createDocDb`), on fake-indexeddb in Node, not in Chromium: the figure is the library and
 *   decoding cost, not a browser's disk;
 * - fresh client sync from the real server started in-process (`startServer`, SQLite store), both
 *   with the document already in the server's memory (warm) and right after a restart (cold: the
 *   server loads it from SQLite first);
 * - an in-process `encodeStateAsUpdate` + `applyUpdate` of the same document, and the ratio of the
 *   warm sync to it (what the network, the protocol and the permission check add);
 * - roll-up after one edit: one progress value changed, then the whole tree read, assembled and
 *   rolled up again, as the panel does on every change.
 * Timed steps run 5 times (sync 3 times) and the median is shown, with the first run beside it.
 *
 *   npx tsx tests/bench/goals-bench.ts [--goals 10000] [--updates 50000]
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DexieYProvider } from 'y-dexie';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import { assembleGoalForest } from '@firstline/core/docs/goal-docs-forest';
import {
  makeGoalId,
  putGoal,
  readGoalDoc,
  setGoalProgress,
  type GoalDocTarget,
} from '@firstline/core/docs/goal-docs';
import { rollUp } from '@firstline/core/goals/roll-up';
import { seededRandom } from '@firstline/core/goals/testing';
import { signToken, silentLogger, startServer, type RunningServer } from '@firstline/sync-server';
import { createDocDb, DOC_PROP, DOCS_TABLE } from '../../extension/src/store/doc-db.ts';

// y-dexie announces every released document with console.debug; the table is the output here.
console.debug = () => undefined;

const { values } = parseArgs({
  options: {
    goals: { type: 'string', default: '10000' },
    updates: { type: 'string', default: '50000' },
  },
});
const GOALS = Number(values.goals);
const UPDATES = Number(values.updates);
const ORG = 'bench';
const TEAM = `org/${ORG}/team/t1`;
const TARGET: GoalDocTarget = { docName: TEAM, org: ORG, private: false };
const SECRET = 'goals-bench-secret-of-at-least-32-bytes';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timed(runs: number, fn: () => Promise<void> | void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The team document: goals under 100 team-level goals under one strategy goal, then check-ins. */
function buildTeamDoc(): { doc: Y.Doc; ids: string[]; buildMs: number; progressMs: number } {
  const random = seededRandom(20261203);
  const doc = new Y.Doc();
  const ids: string[] = [];
  const strategyGoal = makeGoalId(ORG, 'strategy');
  const t0 = performance.now();
  const tops = Math.max(1, Math.round(GOALS / 100));
  for (let i = 0; i < GOALS; i += 1) {
    const id = makeGoalId(ORG, `g${i}`);
    const parentId = i < tops ? strategyGoal : (ids[Math.floor(random() * tops)] as string);
    const result = putGoal(
      doc,
      TARGET,
      {
        id,
        title: `Goal ${i}`,
        owner: { kind: 'unit', id: 't1' },
        parentId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        weight: i < tops ? null : 1 + Math.floor(random() * 9),
        metric: { unit: 'units', start: 0, target: 100, current: null, direction: 'increase' },
      },
      { now: i },
    );
    if (!result.ok) throw new Error(result.message);
    ids.push(id);
  }
  const t1 = performance.now();
  for (let u = 0; u < UPDATES; u += 1) {
    setGoalProgress(
      doc,
      ids[Math.floor(random() * ids.length)] as string,
      Math.floor(random() * 120),
    );
  }
  return { doc, ids, buildMs: t1 - t0, progressMs: performance.now() - t1 };
}

async function seedDirectory(server: RunningServer): Promise<void> {
  const shared = await server.registry.acquire(`org/${ORG}/directory`);
  shared.doc.transact(() => {
    shared.doc
      .getMap(DIRECTORY_MAPS.meta)
      .set('org', { id: ORG, name: 'Bench', timeZone: 'UTC', locale: 'en' });
    shared.doc
      .getMap(DIRECTORY_MAPS.units)
      .set('t1', { id: 't1', name: 'T1', kind: 'team', parentId: null, headId: 'm1' });
    shared.doc.getMap(DIRECTORY_MAPS.people).set('m1', {
      id: 'm1',
      externalId: null,
      name: 'M1',
      email: null,
      title: '',
      jobFamily: '',
      unitId: 't1',
      regionId: null,
      managerId: null,
      status: 'active',
      hiredOn: null,
      leftOn: null,
    });
  });
  server.registry.release(shared);
}

async function syncOnce(server: RunningServer, token: string): Promise<{ ms: number; doc: Y.Doc }> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const provider = new WebsocketProvider(server.syncUrl, TEAM, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const ms = performance.now() - t0;
  provider.destroy();
  return { ms, doc };
}

async function main(): Promise<void> {
  const rows: [string, string, string][] = [];
  const ms = (x: number): string => `${x.toFixed(1)} ms`;

  const { doc, ids, buildMs, progressMs } = buildTeamDoc();
  const update = Y.encodeStateAsUpdate(doc);
  const updateV2 = Y.encodeStateAsUpdateV2(doc);
  rows.push(['goals / progress updates', `${GOALS} / ${UPDATES}`, '']);
  rows.push(['build: create goals (one transaction each)', ms(buildMs), '']);
  rows.push(['build: progress updates (one transaction each)', ms(progressMs), '']);
  rows.push([
    'encoded size, update v1',
    `${(update.byteLength / 1024).toFixed(0)} KiB`,
    `${update.byteLength} B`,
  ]);
  rows.push([
    'encoded size, update v2',
    `${(updateV2.byteLength / 1024).toFixed(0)} KiB`,
    `${updateV2.byteLength} B`,
  ]);

  // In-process baseline.
  const inProcess = await timed(5, () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  });
  rows.push([
    'in-process encodeStateAsUpdate + applyUpdate',
    ms(median(inProcess)),
    `first ${ms(inProcess[0]!)}`,
  ]);

  // IndexedDB (fake-indexeddb) through the extension's database.
  const dbName = 'goals-bench';
  {
    const db = createDocDb(dbName);
    const stored = DexieYProvider.getOrCreateDocument(db, DOCS_TABLE, DOC_PROP, TEAM);
    await db.docs.put({ name: TEAM, openedAt: Date.now() } as never);
    await DexieYProvider.load(stored).whenLoaded;
    Y.applyUpdate(stored, update);
    // y-dexie writes on its own schedule; wait until the update is in its table.
    await new Promise((r) => setTimeout(r, 500));
    DexieYProvider.release(stored);
    db.close();
  }
  const idbLoads = await timed(5, async () => {
    const db = createDocDb(dbName);
    const loaded = DexieYProvider.getOrCreateDocument(db, DOCS_TABLE, DOC_PROP, TEAM);
    await DexieYProvider.load(loaded).whenLoaded;
    if (readGoalDoc(loaded, TEAM).goals.length !== GOALS)
      throw new Error('IndexedDB copy is incomplete');
    DexieYProvider.release(loaded);
    db.close();
  });
  rows.push([
    'load from IndexedDB (fake-indexeddb, y-dexie), incl. a read check',
    ms(median(idbLoads)),
    `first ${ms(idbLoads[0]!)}`,
  ]);

  // The real server, in process, on port 0.
  const dataDir = mkdtempSync(join(tmpdir(), 'goals-bench-'));
  let server = await startServer({ port: 0, dataDir, secret: SECRET, logger: silentLogger() });
  try {
    await seedDirectory(server);
    const shared = await server.registry.acquire(TEAM);
    Y.applyUpdate(shared.doc, update);
    const token = await signToken(
      new TextEncoder().encode(SECRET),
      { personId: 'm1', org: ORG, role: 'member' },
      3600,
    );
    const holder = await syncOnce(server, token); // keeps nothing open; the registry holds the doc
    server.registry.release(shared);
    if (readGoalDoc(holder.doc, TEAM).goals.length !== GOALS) throw new Error('sync incomplete');
    const warm: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const keep = await server.registry.acquire(TEAM);
      warm.push((await syncOnce(server, token)).ms);
      server.registry.release(keep);
    }
    rows.push([
      'fresh client sync from the server, doc in memory (warm)',
      ms(median(warm)),
      `first ${ms(warm[0]!)}`,
    ]);
    const cold: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const port = server.port;
      await server.close();
      server = await startServer({ port, dataDir, secret: SECRET, logger: silentLogger() });
      cold.push((await syncOnce(server, token)).ms);
    }
    rows.push([
      'fresh client sync after a restart (loads from SQLite)',
      ms(median(cold)),
      `first ${ms(cold[0]!)}`,
    ]);
    rows.push([
      'ratio warm sync / in-process',
      `${(median(warm) / median(inProcess)).toFixed(1)}x`,
      '',
    ]);
    rows.push([
      'ratio cold sync / in-process',
      `${(median(cold) / median(inProcess)).toFixed(1)}x`,
      '',
    ]);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // Roll-up after one edit, as the panel recomputes it.
  const random = seededRandom(7);
  const parts = { read: [] as number[], assemble: [] as number[], rollUp: [] as number[] };
  for (let i = 0; i < 5; i += 1) {
    setGoalProgress(
      doc,
      ids[Math.floor(random() * ids.length)] as string,
      Math.floor(random() * 100),
    );
    const t0 = performance.now();
    const read = readGoalDoc(doc, TEAM);
    const t1 = performance.now();
    const forest = assembleGoalForest(ORG, read.goals);
    const t2 = performance.now();
    const result = rollUp(forest.goals);
    const t3 = performance.now();
    if (result.size !== GOALS) throw new Error('roll-up lost goals');
    parts.read.push(t1 - t0);
    parts.assemble.push(t2 - t1);
    parts.rollUp.push(t3 - t2);
  }
  const total = parts.read.map((r, i) => r + parts.assemble[i]! + parts.rollUp[i]!);
  rows.push([
    'after one edit: read the doc (schema-checked)',
    ms(median(parts.read)),
    `first ${ms(parts.read[0]!)}`,
  ]);
  rows.push([
    'after one edit: assemble the tree',
    ms(median(parts.assemble)),
    `first ${ms(parts.assemble[0]!)}`,
  ]);
  rows.push(['after one edit: roll up', ms(median(parts.rollUp)), `first ${ms(parts.rollUp[0]!)}`]);
  rows.push(['after one edit: total', ms(median(total)), `first ${ms(total[0]!)}`]);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`| ${'measure'.padEnd(w0)} | ${'median'.padEnd(w1)} | note |`);
  console.log(`| ${'-'.repeat(w0)} | ${'-'.repeat(w1)} | --- |`);
  for (const [a, b, c] of rows) console.log(`| ${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c} |`);
}

await main();
process.exit(0);
