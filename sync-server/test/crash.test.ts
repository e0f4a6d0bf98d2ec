import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStore } from '../src/storage/sqlite-store.ts';
import { principals, tempDataDir, tokenFor } from './helpers.ts';
import { mapUpdate, rawClient } from './raw-client.ts';

/** mulberry32, as in the convergence test: the kill moments follow from the seed. */
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

const here = fileURLToPath(new URL('.', import.meta.url));
/** Kills in CI; FIRSTLINE_CRASH_RUNS=n runs n instead (a longer local run). */
const RUNS = Number(process.env.FIRSTLINE_CRASH_RUNS ?? 4);
const SEED = Number(process.env.FIRSTLINE_CRASH_SEED ?? 20261204);
const DOC = 'org/acme/team/t1';

let child: ChildProcess | null = null;
let data: ReturnType<typeof tempDataDir> | null = null;

afterEach(() => {
  child?.kill('SIGKILL');
  data?.remove();
});

function startChild(dir: string): Promise<{ proc: ChildProcess; syncUrl: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-child.ts'), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FIRSTLINE_DATA_KEY: '' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ proc, syncUrl: match[1]! });
    });
    proc.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

describe('crash: SIGKILL right after edits', () => {
  it(
    `CRASH-1 every acknowledged edit is there after restart (seed ${SEED}, ${RUNS} kills)`,
    async () => {
      const random = prng(SEED);
      data = tempDataDir();
      const acknowledged = new Map<string, number>();
      const token = await tokenFor(principals.m1);
      for (let run = 0; run < RUNS; run++) {
        const started = await startChild(data.dir);
        child = started.proc;
        const client = rawClient(`${started.syncUrl}/${DOC}?token=${token}`);
        await client.admitted;
        const doc = new Y.Doc();
        let n = 0;
        let writing = true;
        // Each update sets its own key; ack n covers keys 1..n of this run.
        const pump = (): void => {
          if (!writing || client.ws.readyState !== client.ws.OPEN) return;
          for (let i = 0; i < 5; i++) {
            n += 1;
            client.sendUpdate(mapUpdate(`r${run}-${n}`, n, doc));
            client.requestSave(n);
          }
          setImmediate(pump);
        };
        pump();
        // Killed at a random moment once edits are flowing (after the first acknowledgement).
        await client.ackFor(1, 10_000);
        const killAfter = Math.floor(random() * 200);
        await new Promise((r) => setTimeout(r, killAfter));
        child.kill('SIGKILL');
        writing = false;
        expect((await client.closed).code).toBe(1006);
        const lastAck = Math.max(0, ...client.acks.map((a) => a.n));
        for (let k = 1; k <= lastAck; k++) acknowledged.set(`r${run}-${k}`, k);
        const proc = child;
        await new Promise<void>((r) =>
          proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r()),
        );
        child = null;
        // Read what is on disk with no server in between: the store as the next start sees it.
        const store = createSqliteStore(join(data.dir, 'firstline.sqlite'));
        const check = new Y.Doc();
        for (const u of (await store.load(DOC)).updates) Y.applyUpdate(check, u);
        await store.close();
        const stored = check.getMap('m');
        const missing = [...acknowledged.keys()].filter(
          (k) => stored.get(k) !== acknowledged.get(k),
        );
        expect(missing, `seed ${SEED} run ${run} killed after ${killAfter} ms`).toEqual([]);
      }
    },
    Math.max(120_000, RUNS * 8000),
  );
});
