/**
 * One server under test, in its own process so the load generator and the server each get a core.
 * Started by `compare-bench.ts` with `fork`; prints nothing, talks over IPC:
 * it sends `{ port }` once listening, answers `'memory'` with its heap and RSS after a full GC and
 * `'cpu'` with the CPU time it has used (user + system), which a busy shared machine distorts less
 * than wall-clock rates.
 *
 * Kinds: `firstline` (ours: JWT auth at the upgrade, SQLite commit before relay), `y-websocket`
 * (`@y/websocket-server` 0.1.1, no auth, no storage), `hocuspocus` (`@hocuspocus/server` 3.4.4, no
 * extensions: no auth, no storage).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { silentLogger } from '../../src/log/logger.ts';
import { createSqliteStore } from '../../src/storage/sqlite-store.ts';
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import type { Person } from '@firstline/core/model/org';
import { startServer, type RunningServer } from '../../src/server.ts';
import { BENCH_SECRET, FIXED_USERS, MAX_IDLE_DOCS, type ServerKind } from './bench-wire.ts';

type Stop = () => Promise<void>;

async function startFirstline(): Promise<{ port: number; stop: Stop }> {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-compare-'));
  const server = await startServer({
    port: 0,
    dataDir: dir,
    secret: BENCH_SECRET,
    logger: silentLogger(),
    // The per-person message limit (500/s) would throttle a benchmark writer; auth and durable
    // commits stay on.
    rateLimits: false,
    // Long enough that the idle-document measure keeps its documents, short enough that the
    // cold-from-disk measure can wait for an unload.
    unloadGraceMs: 1000,
    // BENCH_NO_GROUP_COMMIT=1: one fsync per edit, to see what group commit buys.
    ...(process.env.BENCH_NO_GROUP_COMMIT === '1'
      ? { store: createSqliteStore(join(dir, 'bench.sqlite')) }
      : {}),
  });
  await seedBenchDirectory(server);
  return {
    port: server.port,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Member tokens only open documents of people the directory lists, so the benchmark's users are
 * written into org `bench`'s directory first, through the server's own commit path.
 */
async function seedBenchDirectory(server: RunningServer): Promise<void> {
  const users = [...FIXED_USERS, ...Array.from({ length: MAX_IDLE_DOCS }, (_, i) => `idle${i}`)];
  const shared = await server.registry.acquire('org/bench/directory');
  shared.doc.transact(() => {
    shared.doc
      .getMap(DIRECTORY_MAPS.meta)
      .set('org', { id: 'bench', name: 'Bench', timeZone: 'UTC', locale: 'en' });
    const people = shared.doc.getMap(DIRECTORY_MAPS.people);
    for (const id of users) {
      const person: Person = {
        id,
        externalId: null,
        name: `Bench ${id}`,
        email: null,
        title: '',
        jobFamily: '',
        unitId: null,
        regionId: null,
        managerId: null,
        status: 'active',
        hiredOn: null,
        leftOn: null,
      };
      people.set(id, person);
    }
  }, 'bench-seed');
  server.registry.release(shared);
}

async function startYWebsocket(): Promise<{ port: number; stop: Stop }> {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
    setupWSConnection: (ws: unknown, req: unknown, opts: { docName: string }) => void;
  };
  const http = createServer((_req, res) => res.end('ok'));
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const docName = decodeURIComponent((req.url ?? '/').slice(1).split('?')[0] ?? '');
      setupWSConnection(ws, req, { docName });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function startHocuspocus(): Promise<{ port: number; stop: Stop }> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  return {
    port: (server.httpServer.address() as AddressInfo).port,
    stop: () => server.destroy(),
  };
}

const kind = process.argv[2] as ServerKind;
const starters: Partial<Record<ServerKind, () => Promise<{ port: number; stop: Stop }>>> = {
  firstline: startFirstline,
  'y-websocket': startYWebsocket,
  hocuspocus: startHocuspocus,
};
const starter = starters[kind];
if (starter === undefined) throw new Error(`unknown server kind: ${String(kind)}`);
const started = await starter();
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (message: unknown) => {
  if (message === 'memory') {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({
      memory: { heapUsed: m.heapUsed, rss: m.rss, external: m.external },
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (message === 'cpu') {
    const cpu = process.cpuUsage();
    process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message === 'stop') {
    void started.stop().finally(() => process.exit(0));
  }
});
process.send?.({ port: started.port });
