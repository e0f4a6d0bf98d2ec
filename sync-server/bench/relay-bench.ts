/**
 * Measures the edit path with real sockets: one y-websocket client makes N small edits, another
 * waits for all of them. Every edit is committed to SQLite (synchronous=FULL) before it is relayed,
 * so this is bounded by the disk's fsync rate. Run with `npx tsx sync-server/bench/relay-bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { signToken } from '../src/auth/tokens.ts';
import { silentLogger } from '../src/log/logger.ts';
import { startServer } from '../src/server.ts';

const secret = 'bench-secret-bench-secret-bench-secret!';
const dir = mkdtempSync(join(tmpdir(), 'firstline-relay-'));
const server = await startServer({ port: 0, dataDir: dir, secret, logger: silentLogger() });
const token = await signToken(
  new TextEncoder().encode(secret),
  { personId: 'a', org: 'b', role: 'member' },
  600,
);
const open = (doc: Y.Doc) =>
  new WebsocketProvider(server.syncUrl, 'org/b/user/a/prefs', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
const waitSynced = (p: WebsocketProvider) =>
  new Promise<void>((r) => (p.synced ? r() : p.once('sync', () => r())));

const rows: Record<string, number>[] = [];
for (const n of [100, 1000]) {
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  const [pa, pb] = [open(a), open(b)];
  await Promise.all([waitSynced(pa), waitSynced(pb)]);
  const list = b.getArray<number>(`run-${n}`);
  const done = new Promise<void>((r) => list.observe(() => list.length === n && r()));
  const t = performance.now();
  for (let i = 0; i < n; i++) a.getArray<number>(`run-${n}`).push([i]);
  await done;
  const ms = performance.now() - t;
  rows.push({ edits: n, 'total ms': Math.round(ms), 'edits/s': Math.round((n / ms) * 1000) });
  pa.destroy();
  pb.destroy();
  // The providers' awareness timers live until their documents are destroyed.
  a.destroy();
  b.destroy();
}
console.table(rows);
await server.close();
rmSync(dir, { recursive: true, force: true });
