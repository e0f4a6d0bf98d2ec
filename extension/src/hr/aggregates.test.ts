// @vitest-environment node
// Node's own fetch: happy-dom's applies page CORS rules that an extension page with host permission skips.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDepartmentReport, httpBaseUrl } from './aggregates.ts';

const report = {
  org: 'acme',
  departments: [
    {
      unitId: 'sales',
      name: 'Sales',
      headcount: 4,
      rated: 3,
      ratings: [
        { label: 'Meets', value: 3, count: 2 },
        { label: 'Exceeds', value: 4, count: 1 },
      ],
      average: 3.33,
      averageNormalized: 0.58,
      scale: { min: 1, max: 4 },
    },
  ],
  invalidEntries: 0,
};

let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization}`);
    const auth = req.headers.authorization;
    const status = auth === 'Bearer hr' ? 200 : auth === 'Bearer member' ? 403 : 401;
    const body = req.url?.includes('/broken/') ? { org: 'broken' } : report;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fetchDepartmentReport', () => {
  it('reads the report with the bearer token from the org aggregates URL', async () => {
    const result = await fetchDepartmentReport(`${base}/`, 'acme', 'hr');
    expect(result).toEqual({ ok: true, value: report });
    expect(seen).toContain('/api/orgs/acme/aggregates/departments Bearer hr');
  });

  it('turns refusals, bad bodies and unreachable servers into reasons', async () => {
    const reason = async (url: string, org: string, token: string) => {
      const r = await fetchDepartmentReport(url, org, token);
      return r.ok ? 'ok' : r.reason;
    };
    expect(await reason(base, 'acme', 'member')).toBe('forbidden');
    expect(await reason(base, 'acme', 'nobody')).toBe('unauthorized');
    expect(await reason(base, 'broken', 'hr')).toBe('invalid');
    expect(await reason('', 'acme', 'hr')).toBe('noServer');
    expect(await reason('http://127.0.0.1:1', 'acme', 'hr')).toBe('network');
  });

  it('accepts a ws:// server URL as configured for sync', () => {
    expect(httpBaseUrl('ws://localhost:8787/')).toBe('http://localhost:8787');
    expect(httpBaseUrl('wss://fl.example.com')).toBe('https://fl.example.com');
  });
});
