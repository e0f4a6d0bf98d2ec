import { readFileSync } from 'node:fs';
import { sharedDataPath } from '@firstline/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../src/auth/tokens.ts';
import type { RunningServer } from '../src/server.ts';
import { csvRecords } from './csv-lines.ts';
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

const HR_FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');
const hrDemo = { personId: 'hr-demo', org: 'demo', role: 'hr' } as const;

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
const providers: { destroy(): void }[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir);
  await seedDirectory(server);
});

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server.close();
  data.remove();
});

async function api(path: string, token: string | null, init: RequestInit = {}) {
  const headers: Record<string, string> =
    token === null ? {} : { authorization: `Bearer ${token}` };
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function importFile(query: string, token: string, bytes: Uint8Array = readFileSync(HR_FILE)) {
  return api(`/api/import?${query}`, token, { method: 'POST', body: new Uint8Array(bytes) });
}

describe('HTTP API', () => {
  it('GET /healthz answers without a token', async () => {
    const res = await api('/healthz', null);
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('a bad token is refused in our words, never a library message', async () => {
    const cases: [string, string][] = [
      ['not-a-jwt', 'token is not a well-formed JWT'],
      ['a.b', 'token is not a well-formed JWT'],
      [
        await signToken(
          new TextEncoder().encode('another-secret-of-32-bytes-or-more!!'),
          principals.a1,
          60,
        ),
        "token signature does not match this server's secret",
      ],
    ];
    for (const [token, message] of cases) {
      const res = await api('/api/me', token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        reason: 'token-invalid',
        message: expect.stringContaining(message),
      });
      expect(String(res.body.message)).not.toMatch(/JWS|Compact/);
    }
  });

  it("GET /api/me answers the token's principal and the person's name", async () => {
    const me = await api('/api/me', await tokenFor(principals.a1));
    expect(me).toEqual({
      status: 200,
      body: { personId: 'a1', org: 'acme', role: 'member', name: 'Person a1', unitId: 't1' },
    });
    expect((await api('/api/me', null)).body.reason).toBe('token-missing');
    const expired = await api('/api/me', await tokenFor(principals.a1, -5));
    expect(expired).toMatchObject({ status: 401, body: { reason: 'token-expired' } });
  });

  it('POST /api/import is for hr and admin of the same org only', async () => {
    const member = await importFile(
      'profile=hr-dataset-v14&org=acme',
      await tokenFor(principals.a1),
    );
    expect(member.status).toBe(403);
    const otherOrg = await importFile('profile=hr-dataset-v14&org=acme', await tokenFor(hrDemo));
    expect(otherOrg.status).toBe(403);
  });

  it('POST /api/import applies through the commit path: a connected client sees it, and disk has it', async () => {
    const token = await tokenFor(hrDemo);
    const watcher = connectClient(server, 'org/demo/directory', token);
    providers.push(watcher.provider);
    await synced(watcher.provider);
    const res = await importFile(
      'profile=hr-dataset-v14&org=demo&fileName=HRDataset_v14.csv',
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, dryRun: false, report: { counts: { rows: 311 } } });
    await eventually(() => watcher.doc.getMap('people').size === 315);
    const stored = await server.registry.store.load('org/demo/directory');
    expect(stored.updates.length).toBeGreaterThan(0);
    const records = await server.registry.store.list('org/demo/person/');
    expect(records.length).toBe(311);
  });

  it('POST /api/import answers 422 with the report and applies nothing when a row fails', async () => {
    const text = readFileSync(HR_FILE, 'utf8');
    const broken = text.replace(',10084,', ',,');
    const res = await importFile(
      'profile=hr-dataset-v14&org=demo',
      await tokenFor(hrDemo),
      Buffer.from(broken),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ok: false, reason: 'validation-failed' });
    const report = res.body.report as { rejected: { line: number }[] };
    expect(report.rejected.map((r) => r.line)).toContain(3);
    expect(await server.registry.store.list('org/demo/')).toEqual([]);
  });

  it('POST /api/import with dryRun reports and writes nothing; bad options answer 400', async () => {
    const token = await tokenFor(hrDemo);
    const dry = await importFile('profile=hr-dataset-v14&org=demo&dryRun=true', token);
    expect(dry).toMatchObject({ status: 200, body: { ok: true, dryRun: true, applied: null } });
    expect(await server.registry.store.list('org/demo/')).toEqual([]);
    const bad = await importFile('profile=hr-dataset-v14&org=demo&encoding=latin9', token);
    expect(bad).toMatchObject({ status: 400, body: { reason: 'invalid-option' } });
    const unknown = await importFile('profile=nope&org=demo', token);
    expect(unknown).toMatchObject({ status: 400, body: { reason: 'unknown-profile' } });
  });

  it('GET department aggregates matches the file: rated actives per department and labels', async () => {
    const token = await tokenFor(hrDemo);
    expect((await importFile('profile=hr-dataset-v14&org=demo', token)).status).toBe(200);
    const res = await api('/api/orgs/demo/aggregates/departments', token);
    expect(res.status).toBe(200);
    type Dept = {
      name: string;
      headcount: number;
      rated: number;
      ratings: { label: string; count: number }[];
    };
    const departments = res.body.departments as Dept[];

    const active = csvRecords(readFileSync(HR_FILE, 'utf8')).filter((r) => r.Termd === '0');
    const expectedRated = new Map<string, number>();
    const expectedLabels = new Map<string, number>();
    for (const r of active) {
      const dept = r.Department!.trim();
      expectedRated.set(dept, (expectedRated.get(dept) ?? 0) + 1);
      expectedLabels.set(r.PerformanceScore!, (expectedLabels.get(r.PerformanceScore!) ?? 0) + 1);
    }
    expect(new Map(departments.map((d) => [d.name, d.rated]))).toEqual(expectedRated);
    const labels = new Map<string, number>();
    for (const d of departments) {
      expect(d.headcount).toBeGreaterThanOrEqual(d.rated);
      for (const b of d.ratings) labels.set(b.label, (labels.get(b.label) ?? 0) + b.count);
    }
    expect(labels).toEqual(expectedLabels);
  });

  it('GET department aggregates is refused to members and to another org', async () => {
    const member = await api(
      '/api/orgs/acme/aggregates/departments',
      await tokenFor(principals.a1),
    );
    expect(member.status).toBe(403);
    const other = await api('/api/orgs/acme/aggregates/departments', await tokenFor(hrDemo));
    expect(other.status).toBe(403);
    const mine = await api('/api/orgs/acme/aggregates/departments', await tokenFor(principals.hr1));
    expect(mine.status).toBe(200);
  });
});
