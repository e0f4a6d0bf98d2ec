import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocStore } from '../src/storage/doc-store.ts';
import { createSqliteStore } from '../src/storage/sqlite-store.ts';
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
  tokenFor,
} from './helpers.ts';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer | null = null;
const cleanups: (() => void)[] = [];
const afterServer: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  server = null;
  for (const c of afterServer.splice(0)) c();
  data.remove();
});

function metricValue(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(line + ' '));
  return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
}

describe('observability', () => {
  it('OBS-1 /metrics counts connections, loaded docs, commits, refusals by reason', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { metricsToken: 'scrape-me' });
    await seedDirectory(server);
    const c = connectClient(server, 'org/acme/team/t1', await tokenFor(principals.m1));
    cleanups.push(() => c.provider.destroy());
    await synced(c.provider);
    for (let i = 0; i < 5; i++) c.doc.getMap('m').set(`k${i}`, i);
    await eventually(() => server!.registry.peek('org/acme/team/t1')?.doc.getMap('m').size === 5);
    await closeCodeOf(`${server.syncUrl}/org/acme/team/t2?token=${await tokenFor(principals.a1)}`);
    await closeCodeOf(`${server.syncUrl}/org/acme/team/t1?token=nope`);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(metricValue(text, 'firstline_connections')).toBe(1);
    expect(metricValue(text, 'firstline_docs_loaded')).toBeGreaterThanOrEqual(2);
    expect(metricValue(text, 'firstline_updates_committed_total')).toBeGreaterThanOrEqual(6);
    expect(metricValue(text, 'firstline_commit_seconds_count')).toBeGreaterThanOrEqual(6);
    expect(metricValue(text, 'firstline_connections_refused_total{reason="forbidden"}')).toBe(1);
    expect(metricValue(text, 'firstline_connections_refused_total{reason="token-invalid"}')).toBe(
      1,
    );
    // No document or person name is ever a label.
    expect(text).not.toContain('team/t1');
    expect(text).not.toContain('m1');
  });

  it('OBS-2 /metrics from a forwarded request needs the metrics token', async () => {
    data = tempDataDir();
    server = await startTestServer(data.dir, { metricsToken: 'scrape-me' });
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${server.url}/metrics`, { headers: proxied })).status).toBe(403);
    const withToken = await fetch(`${server.url}/metrics`, {
      headers: { ...proxied, authorization: 'Bearer scrape-me' },
    });
    expect(withToken.status).toBe(200);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { ...proxied, authorization: 'Bearer scrape-mE' },
    });
    expect(wrong.status).toBe(403);
  });

  it('OBS-3 /readyz is 200 while the store answers, 503 with the reason when it does not', async () => {
    data = tempDataDir();
    const sqlite = createSqliteStore(join(data.dir, 'own.sqlite'));
    let down = false;
    const store: DocStore = {
      load: (name) => sqlite.load(name),
      append: (name, update) => sqlite.append(name, update),
      compact: (name, snapshot, through) => sqlite.compact(name, snapshot, through),
      list: (prefix) => {
        if (down) throw new Error('disk gone');
        return sqlite.list(prefix);
      },
      close: () => sqlite.close(),
    };
    afterServer.push(() => void sqlite.close());
    server = await startTestServer(data.dir, { store });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ready: true });
    down = true;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: 'store-unavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
