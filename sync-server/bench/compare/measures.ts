/**
 * The measurements of the comparison benchmark, each against one running server. Clients run in
 * the benchmark's process; all timestamps are taken there, so latency is send-to-arrival on one
 * clock. Every loop is bounded by a count and every wait by a timeout.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { updateFrame, type ServerKind } from './bench-wire.ts';
import { RawPeer } from './raw-peer.ts';

/** What a measurement needs to know about the server under test. */
export interface Target {
  kind: ServerKind;
  port: number;
  /** A token for a user (empty for servers without auth). */
  token(user: string): Promise<string>;
  /** The server process's memory after a full GC. */
  memory(): Promise<{ heapUsed: number; rss: number }>;
}

/** Firstline's document name for a user's own document; the other servers take it as is. */
export function docFor(user: string): string {
  return `org/bench/user/${user}/prefs`;
}

async function openPeers(t: Target, user: string, n: number): Promise<RawPeer[]> {
  const token = await t.token(user);
  const peers: RawPeer[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, () =>
      RawPeer.open(t.kind, t.port, docFor(user), token),
    );
    for (const { peer } of await Promise.all(batch)) peers.push(peer);
  }
  return peers;
}

/** `count` small realistic edits (a goal's progress changes), as Yjs updates. */
export function makeEdits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const goals = doc.getMap<Y.Map<unknown>>('goals');
  for (let i = 0; i < count; i++) {
    const key = `g${i % 50}`;
    let goal = goals.get(key);
    if (goal === undefined) {
      goal = new Y.Map<unknown>();
      goals.set(key, goal);
    }
    goal.set('progress', i);
  }
  doc.destroy();
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Fan-out: one writer sends `count` edits as fast as it can; `subs` peers must receive all. */
export async function fanOut(
  t: Target,
  user: string,
  subs: number,
  count: number,
): Promise<{ updatesPerSec: number; complete: boolean }> {
  const peers = await openPeers(t, user, subs);
  const [writer] = await openPeers(t, user, 1);
  const frames = makeEdits(count).map((u) => updateFrame(t.kind, docFor(user), u));
  const started = performance.now();
  for (let i = 0; i < frames.length; i++) {
    writer!.send(frames[i]!);
    if (i % 50 === 49) await yieldToIo();
  }
  const done = await Promise.all(peers.map((p) => p.untilUpdates(count, 120_000)));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([...peers, writer!].map((p) => p.close()));
  return { updatesPerSec: count / seconds, complete: done.every(Boolean) };
}

/** Edit-to-peer latency at a fixed send rate; the first 10% of edits are warm-up. */
export async function latency(
  t: Target,
  user: string,
  subs: number,
  rate: number,
  seconds: number,
): Promise<{ p50: number; p99: number; max: number; lost: number }> {
  const total = Math.round(rate * seconds);
  const peers = await openPeers(t, user, subs);
  const [writer] = await openPeers(t, user, 1);
  const frames = makeEdits(total).map((u) => updateFrame(t.kind, docFor(user), u));
  for (const p of peers) p.recording = true;
  const sentAt = new Float64Array(total);
  const started = performance.now();
  const interval = 1000 / rate;
  for (let k = 0; k < total;) {
    const now = performance.now();
    const due = started + k * interval;
    if (now >= due) {
      sentAt[k] = now;
      writer!.send(frames[k]!);
      k += 1;
    } else {
      await sleep(Math.max(0, due - now - 0.5));
    }
  }
  await Promise.all(peers.map((p) => p.untilUpdates(total, 30_000)));
  const samples: number[] = [];
  let lost = 0;
  for (const p of peers) {
    for (let k = Math.floor(total / 10); k < total; k++) {
      const at = p.arrivals[k];
      if (at === undefined) lost += 1;
      else samples.push(at - sentAt[k]!);
    }
  }
  await Promise.all([...peers, writer!].map((p) => p.close()));
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.at(-1) ?? Number.NaN,
    lost,
  };
}

/** Memory per idle loaded document: `docs` documents, each with one idle client and 20 goals. */
export async function idleDocMemory(
  t: Target,
  docs: number,
): Promise<{ heapKb: number; rssKb: number }> {
  const before = await t.memory();
  const peers: RawPeer[] = [];
  for (let i = 0; i < docs; i++) {
    const user = `idle${i}`;
    const [peer] = await openPeers(t, user, 1);
    for (const u of makeEdits(20)) peer!.send(updateFrame(t.kind, docFor(user), u));
    await peer!.roundTrip();
    peers.push(peer!);
  }
  await sleep(500);
  const after = await t.memory();
  await Promise.all(peers.map((p) => p.close()));
  return {
    heapKb: (after.heapUsed - before.heapUsed) / docs / 1024,
    rssKb: (after.rss - before.rss) / docs / 1024,
  };
}

/**
 * Cold sync: a new client connects to a document holding `state` (10,000 goals) and is done when
 * it has applied the server's answer. The document is kept in the server's memory by a seeding
 * client (the reference servers have no store); `fromDisk` also measures Firstline loading it.
 */
export async function coldSync(
  t: Target,
  state: Uint8Array,
  expectGoals: number,
  runs: number,
  fromDisk: boolean,
): Promise<{ medianMs: number; fromDiskMs: number | null }> {
  const user = 'cold';
  const [seeder] = await openPeers(t, user, 1);
  seeder!.send(updateFrame(t.kind, docFor(user), state));
  await seeder!.roundTrip(120_000);
  const token = await t.token(user);
  const once = async (): Promise<number> => {
    const started = performance.now();
    const { peer, state: answer } = await RawPeer.open(
      t.kind,
      t.port,
      docFor(user),
      token,
      120_000,
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, answer);
    const ms = performance.now() - started;
    const size = doc.getMap('goals').size;
    doc.destroy();
    await peer.close();
    if (size !== expectGoals) throw new Error(`${t.kind}: cold sync got ${size} goals`);
    return ms;
  };
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await once());
  times.sort((a, b) => a - b);
  await seeder!.close();
  let fromDiskMs: number | null = null;
  if (fromDisk) {
    // Past the unload grace period (1 s in the benchmark server) plus the compaction on unload.
    await sleep(3000);
    fromDiskMs = await once();
  }
  return { medianMs: percentile(times, 50), fromDiskMs };
}

/**
 * Firstline only: edits per second that are acknowledged as committed. One writer sends `count`
 * edits, then a save request; the answer means every edit before it is on disk.
 */
export async function durableRate(t: Target, count: number): Promise<number> {
  const user = 'durable';
  const [writer] = await openPeers(t, user, 1);
  const frames = makeEdits(count).map((u) => updateFrame(t.kind, docFor(user), u));
  const started = performance.now();
  for (let i = 0; i < frames.length; i++) {
    writer!.send(frames[i]!);
    if (i % 50 === 49) await yieldToIo();
  }
  const ok = await writer!.saveAck(1);
  const seconds = (performance.now() - started) / 1000;
  await writer!.close();
  if (!ok) throw new Error('no save acknowledgement');
  return count / seconds;
}
