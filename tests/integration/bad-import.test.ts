import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName, readDirectory, readRecord } from '@firstline/core';
import { sharedDataPath } from '@firstline/fixtures';
import { signToken, silentLogger, startServer, type RunningServer } from '@firstline/sync-server';

/**
 * Issue 2, bad input: each broken file sent to a server that already holds an organisation gets
 * an error naming what is wrong (and the line, where there is one), and what was stored before
 * is still there, unchanged.
 */
const SECRET = 'bad-import-secret-bad-import-secret!!';
const ORG = 'dental';
const HR_FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');

/** The parts of `POST /api/import`'s answer these tests read. */
interface ImportAnswer {
  ok: boolean;
  message?: string;
  report?: { rejected: { line: number; message: string }[] };
}

let dir: string;
let server: RunningServer;
let hrToken: string;

async function post(bytes: Uint8Array, query = 'profile=hr-dataset-v14') {
  const res = await fetch(`${server.url}/api/import?org=${ORG}&${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hrToken}` },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as ImportAnswer };
}

async function storedState() {
  const directory = readDirectory(
    await server.registry.snapshot(docName({ kind: 'directory', org: ORG })),
  );
  // emp-10026 is line 2 of the file, the row the last case retitles.
  const first = 'emp-10026';
  const record = readRecord(
    await server.registry.snapshot(docName({ kind: 'person-record', org: ORG, person: first })),
  );
  return {
    people: directory.people.size,
    units: directory.units.size,
    firstPerson: JSON.stringify(directory.people.get(first) ?? null),
    firstRecord: JSON.stringify([...record.ratings.values(), ...record.indicators.values()]),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firstline-bad-import-'));
  server = await startServer({ port: 0, dataDir: dir, secret: SECRET, logger: silentLogger() });
  hrToken = await signToken(
    new TextEncoder().encode(SECRET),
    { personId: 'hr-1', org: ORG, role: 'hr' },
    3600,
  );
  const first = await post(readFileSync(HR_FILE));
  expect(first.status).toBe(200);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bad import files change nothing stored', () => {
  const text = readFileSync(HR_FILE, 'utf8');
  const lines = text.split('\r\n');
  // Line 5 of the file loses its last cell: the columns would shift if it were read.
  const shifted = [...lines];
  shifted[4] = shifted[4]!.slice(0, shifted[4]!.lastIndexOf(','));
  // A changed title on line 2 proves that the valid rows of a failed file are not applied either.
  const retitled = shifted.map((l, i) =>
    i === 1 ? l.replace('Production Technician I', 'CHANGED') : l,
  );

  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(), /empty/i],
    ['a file with only a header', new TextEncoder().encode(lines[0] + '\r\n'), /header/i],
    ['a binary file', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), /binary/i],
    ['a row with a missing cell', new TextEncoder().encode(retitled.join('\r\n')), /line 5/],
  ];

  for (const [name, bytes, message] of cases) {
    it(`${name}: a clear error, and the stored organisation is unchanged`, async () => {
      const before = await storedState();
      const res = await post(bytes);
      expect(res.status).toBe(422);
      expect(res.body.ok).toBe(false);
      const said = [
        res.body.message,
        ...(res.body.report?.rejected ?? []).map((r) => r.message),
      ].join(' ');
      expect(said).toMatch(message);
      expect(before.firstPerson).toContain('Production Technician I');
      expect(await storedState()).toEqual(before);
    });
  }
});
