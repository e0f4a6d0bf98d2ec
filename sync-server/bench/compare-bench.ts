/**
 * Firstline beside the reference servers, in one run, on loopback: `@y/websocket-server` 0.1.1 (no
 * auth, no storage) and Hocuspocus 3.4.4 (no extensions: no auth, no storage). Ours runs as
 * deployed: JWT checked at every upgrade, every edit committed to SQLite (WAL, synchronous=FULL)
 * before it is relayed. Only the per-person rate limit is off (it would throttle the writer).
 *
 * Each server runs in its own process (one core each for server and clients on a 2-core machine);
 * the clients are bare sockets in this process. Prints one table with ratios (ours / reference).
 *
 *   npx tsx sync-server/bench/compare-bench.ts [--quick] [--rounds 3] [--only firstline,y-websocket]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { parseDocName } from '@firstline/core/docs/names';
import { makeGoalId, putGoal } from '@firstline/core/docs/goal-docs';
import { goalDocTarget } from '@firstline/core/docs/goal-docs-placement';
import * as Y from 'yjs';
import { signToken } from '../src/auth/tokens.ts';
import { BENCH_SECRET, type ServerKind } from './compare/bench-wire.ts';
import {
  coldSync,
  durableRate,
  fanOut,
  idleDocMemory,
  latency,
  type Target,
} from './compare/measures.ts';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv[process.argv.indexOf('--only') + 1];
const KINDS: ServerKind[] = ['firstline', 'y-websocket', 'hocuspocus'];
const kinds =
  process.argv.includes('--only') && onlyArg !== undefined
    ? KINDS.filter((k) => onlyArg.split(',').includes(k))
    : KINDS;
const roundsArg = process.argv[process.argv.indexOf('--rounds') + 1];
/**
 * Rounds: every server is measured once per round, servers interleaved, and the table shows each
 * figure's median over the rounds. On a shared machine the load changes by the minute; interleaving
 * gives each server a share of the quiet and the busy minutes.
 */
const ROUNDS = process.argv.includes('--rounds') ? Number(roundsArg) : quick ? 1 : 3;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds: not a count: ${roundsArg}`);
const SUBS = 50;
const FANOUT_EDITS = quick ? 500 : 2000;
const LATENCY_SECONDS = quick ? 2 : 5;
const IDLE_DOCS = quick ? 50 : 200;
const GOALS = 10_000;
const DURABLE_EDITS = quick ? 500 : 2000;

interface Row {
  fanout: number;
  fanoutComplete: boolean;
  /** Server CPU time (user + system) per edit relayed to every subscriber, in ms. */
  cpuPerEdit: number;
  lat100: { p50: number; p99: number; max: number; lost: number };
  lat500: { p50: number; p99: number; max: number; lost: number };
  memory: { heapKb: number; rssKb: number };
  cold: { medianMs: number; fromDiskMs: number | null };
  durable: number | null;
}

/** A document of 10,000 goals written the way the side panel writes them (core's putGoal). */
function bigGoalDoc(): Uint8Array {
  const name = 'org/bench/team/t1';
  const target = goalDocTarget(name, parseDocName(name))!;
  const doc = new Y.Doc();
  for (let i = 0; i < GOALS; i++) {
    const written = putGoal(
      doc,
      target,
      {
        id: makeGoalId('bench', `goal-${i}`),
        title: `Raise first-pass yield on line ${i % 40} by ${i % 7} points`,
        owner: { kind: 'person', id: `p${i % 500}` },
        parentId: i < 100 ? null : makeGoalId('bench', `goal-${i % 100}`),
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        weight: null,
      },
      { now: 1_790_000_000_000 + i },
    );
    if (!written.ok) throw new Error(`goal ${i}: ${written.reason}`);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * The disk's commit latency right now: 300 one-row SQLite commits with the server's settings (WAL,
 * synchronous=FULL). Every edit of ours waits for one such commit before it is relayed, so on a
 * shared machine this bounds what our latency rows can show.
 */
function diskCommitMs(): { p50: number; p99: number; max: number } {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-fsync-'));
  const db = new Database(join(dir, 'probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (doc TEXT NOT NULL, data BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO t (doc, data) VALUES (?, ?)');
    const row = new Uint8Array(60);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      insert.run('org/bench/user/probe/prefs', row);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { p50: times[150]!, p99: times[297]!, max: times[299]! };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const conditions: string[] = [];
/** Notes the load average and the disk's commit latency, printed under the table. */
function noteConditions(when: string): void {
  const disk = diskCommitMs();
  conditions.push(
    `${when}: load average (1 min) ${loadavg()[0]!.toFixed(1)} on this machine; ` +
      `SQLite commit p50 ${disk.p50.toFixed(2)} ms, p99 ${disk.p99.toFixed(2)} ms, ` +
      `max ${disk.max.toFixed(1)} ms`,
  );
}

async function startServerProcess(
  kind: ServerKind,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./compare/bench-server.ts', import.meta.url)), [kind], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      // BENCH_CPU_PROF=DIR: a V8 CPU profile of each server process, written to DIR on exit.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (m: { port?: number }) =>
      m.port === undefined ? reject(new Error(`${kind}: no port`)) : resolve(m.port),
    );
  });
  return { child, port };
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: { cpuMs?: number; memory?: unknown }): void => {
      if (m.cpuMs === undefined || m.memory !== undefined) return;
      child.off('message', on);
      resolve(m.cpuMs);
    };
    child.on('message', on);
    child.send('cpu');
  });
}

function memoryOf(child: ChildProcess): Promise<{ heapUsed: number; rss: number }> {
  return new Promise((resolve) => {
    const on = (m: { memory?: { heapUsed: number; rss: number } }): void => {
      if (m.memory === undefined) return;
      child.off('message', on);
      resolve(m.memory);
    };
    child.on('message', on);
    child.send('memory');
  });
}

async function measure(kind: ServerKind, goalState: Uint8Array): Promise<Row> {
  const { child, port } = await startServerProcess(kind);
  const secret = new TextEncoder().encode(BENCH_SECRET);
  const target: Target = {
    kind,
    port,
    token: (user) =>
      kind === 'firstline'
        ? signToken(secret, { personId: user, org: 'bench', role: 'member' }, 3600)
        : Promise.resolve(''),
    memory: () => memoryOf(child),
  };
  try {
    process.stderr.write(`${kind}: warm-up\n`);
    await fanOut(target, 'warm', 5, 300);
    // Measured before the heavy phases: after them a GC can hand pages back to the system and
    // the RSS difference comes out negative.
    process.stderr.write(`${kind}: idle documents\n`);
    const memory = await idleDocMemory(target, IDLE_DOCS);
    process.stderr.write(`${kind}: fan-out\n`);
    const cpuBefore = await cpuOf(child);
    const fan = await fanOut(target, 'fan', SUBS, FANOUT_EDITS);
    const cpuPerEdit = ((await cpuOf(child)) - cpuBefore) / FANOUT_EDITS;
    process.stderr.write(`${kind}: latency\n`);
    const lat100 = await latency(target, 'lat100', SUBS, 100, LATENCY_SECONDS);
    const lat500 = await latency(target, 'lat500', SUBS, 500, LATENCY_SECONDS);
    process.stderr.write(`${kind}: cold sync\n`);
    const cold = await coldSync(target, goalState, GOALS, 5, kind === 'firstline');
    const durable = kind === 'firstline' ? await durableRate(target, DURABLE_EDITS) : null;
    return {
      fanout: fan.updatesPerSec,
      fanoutComplete: fan.complete,
      cpuPerEdit,
      lat100,
      lat500,
      memory,
      cold,
      durable,
    };
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each figure's median over the rounds; losses are summed and completeness must hold in all. */
function medianRow(rows: Row[]): Row {
  const m = (pick: (r: Row) => number): number => median(rows.map(pick));
  const mNull = (pick: (r: Row) => number | null): number | null => {
    const values = rows.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  const lat = (pick: (r: Row) => Row['lat100']): Row['lat100'] => ({
    p50: m((r) => pick(r).p50),
    p99: m((r) => pick(r).p99),
    max: m((r) => pick(r).max),
    lost: rows.reduce((sum, r) => sum + pick(r).lost, 0),
  });
  return {
    fanout: m((r) => r.fanout),
    fanoutComplete: rows.every((r) => r.fanoutComplete),
    cpuPerEdit: m((r) => r.cpuPerEdit),
    lat100: lat((r) => r.lat100),
    lat500: lat((r) => r.lat500),
    memory: { heapKb: m((r) => r.memory.heapKb), rssKb: m((r) => r.memory.rssKb) },
    cold: { medianMs: m((r) => r.cold.medianMs), fromDiskMs: mNull((r) => r.cold.fromDiskMs) },
    durable: mNull((r) => r.durable),
  };
}

const fmt = (n: number | null, digits = 0): string =>
  n === null ? 'n/a' : Number.isNaN(n) ? '-' : n.toFixed(digits);

/** ours / reference; '-' when either side is missing or not positive (a ratio would mislead). */
function ratio(a: number | null, b: number | null): string {
  if (a === null || b === null || !(a > 0) || !(b > 0)) return '-';
  return `${(a / b).toFixed(2)}x`;
}

function printTable(results: Partial<Record<ServerKind, Row>>): void {
  const ours = results.firstline;
  const refs = KINDS.filter((k) => k !== 'firstline' && results[k] !== undefined);
  // `null` from `pick`: the measure does not apply to that server (printed as n/a).
  const lines: { metric: string; pick: (r: Row) => number | null; digits: number }[] = [
    { metric: `fan-out to ${SUBS} subscribers (edits/s)`, pick: (r) => r.fanout, digits: 0 },
    {
      metric: `server CPU per edit to ${SUBS} subs (ms)`,
      pick: (r) => r.cpuPerEdit,
      digits: 3,
    },
    { metric: `latency p50 @100/s, ${SUBS} subs (ms)`, pick: (r) => r.lat100.p50, digits: 2 },
    { metric: `latency p99 @100/s, ${SUBS} subs (ms)`, pick: (r) => r.lat100.p99, digits: 2 },
    { metric: `latency p50 @500/s, ${SUBS} subs (ms)`, pick: (r) => r.lat500.p50, digits: 2 },
    { metric: `latency p99 @500/s, ${SUBS} subs (ms)`, pick: (r) => r.lat500.p99, digits: 2 },
    { metric: `latency max @500/s (ms)`, pick: (r) => r.lat500.max, digits: 1 },
    { metric: 'memory per idle doc, heap (KB)', pick: (r) => r.memory.heapKb, digits: 1 },
    { metric: 'memory per idle doc, RSS (KB)', pick: (r) => r.memory.rssKb, digits: 1 },
    { metric: `cold sync ${GOALS} goals, in memory (ms)`, pick: (r) => r.cold.medianMs, digits: 1 },
    {
      metric: `cold sync ${GOALS} goals, from disk (ms)`,
      pick: (r) => r.cold.fromDiskMs,
      digits: 1,
    },
    { metric: 'acknowledged-durable edits/s', pick: (r) => r.durable, digits: 0 },
  ];
  const table = lines.map((line) => {
    const row: Record<string, string> = { metric: line.metric };
    for (const k of KINDS) {
      const r = results[k];
      row[k] = r === undefined ? 'not run' : fmt(line.pick(r), line.digits);
    }
    for (const k of refs) {
      row[`ours/${k}`] = ratio(ours === undefined ? null : line.pick(ours), line.pick(results[k]!));
    }
    return row;
  });
  console.table(table);
  if (ours !== undefined) {
    const ref = results['y-websocket'];
    const ratio = ref === undefined ? null : ours.fanout / ref.fanout;
    const lost = ours.lat100.lost + ours.lat500.lost;
    console.log(
      `target fan-out >= 0.9x y-websocket: ${ratio === null ? 'not measured' : `${ratio.toFixed(2)}x ${ratio >= 0.9 ? 'MET' : 'MISSED'}`}`,
    );
    console.log(
      `target p99 < 25 ms at 500/s with ${SUBS} subscribers: ${ours.lat500.p99.toFixed(2)} ms ${ours.lat500.p99 < 25 ? 'MET' : 'MISSED'}`,
    );
    if (!ours.fanoutComplete || lost > 0) console.log(`WARNING: firstline lost ${lost} deliveries`);
  }
  for (const k of refs) {
    const r = results[k]!;
    if (!r.fanoutComplete || r.lat100.lost + r.lat500.lost > 0) {
      console.log(`WARNING: ${k} did not deliver every edit`);
    }
  }
  console.log(
    'n/a: the reference servers store nothing (no disk load, no durable acknowledgement); ' +
      'ratios are ours / reference (above 1x is better for edits/s, worse for ms and KB).',
  );
}

const goalState = bigGoalDoc();
process.stderr.write(`10,000-goal document: ${(goalState.length / 1024).toFixed(0)} KB\n`);
const rounds: Partial<Record<ServerKind, Row[]>> = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const kind of kinds) {
    try {
      noteConditions(`round ${round}, before ${kind}`);
      (rounds[kind] ??= []).push(await measure(kind, goalState));
    } catch (error) {
      process.stderr.write(
        `${kind}: failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
}
noteConditions('at the end');
const results: Partial<Record<ServerKind, Row>> = {};
for (const kind of kinds) {
  const rows = rounds[kind];
  if (rows !== undefined && rows.length > 0) results[kind] = medianRow(rows);
}
console.log(`${ROUNDS} round(s), medians; ${SUBS} subscribers, one writer, loopback.`);
printTable(results);
for (const line of conditions) console.log(line);
