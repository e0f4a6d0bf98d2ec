import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedDataPath } from '@firstline/fixtures';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecret } from '../src/auth/secret.ts';
import { verifyToken } from '../src/auth/tokens.ts';
import { ExitCode, type CliIo } from '../src/cli/cli-io.ts';
import { main } from '../src/cli/main.ts';
import { silentLogger } from '../src/log/logger.ts';
import { startServer } from '../src/server.ts';
import { startTestServer, tempDataDir, tokenFor } from './helpers.ts';

const HR_FILE = sharedDataPath('hr-dataset-v14', 'HRDataset_v14.csv');

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}

function run(args: string[], io = capture()) {
  return main(['node', 'firstline', ...args], io).then((code) => ({ code, io }));
}

let data: ReturnType<typeof tempDataDir>;
const savedSecret = process.env.FIRSTLINE_JWT_SECRET;
beforeEach(() => {
  delete process.env.FIRSTLINE_JWT_SECRET;
  data = tempDataDir();
});
afterEach(() => {
  if (savedSecret !== undefined) process.env.FIRSTLINE_JWT_SECRET = savedSecret;
  data.remove();
});

describe('firstline CLI', () => {
  it('token prints a JWT signed with the secret the server made in its data dir (0600)', async () => {
    // The server makes the secret on its first start; the CLI only ever reads it.
    loadSecret(data.dir);
    const { code, io } = await run([
      'token',
      '--person',
      'a1',
      '--org',
      'acme',
      '--role',
      'hr',
      '--ttl',
      '2h',
      '--data',
      data.dir,
    ]);
    expect(code).toBe(ExitCode.ok);
    expect(statSync(join(data.dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const verified = await verifyToken(loadSecret(data.dir), io.stdout[0]!.trim());
    expect(verified.ok && verified.value.principal).toEqual({
      personId: 'a1',
      org: 'acme',
      role: 'hr',
    });
    const ttl = verified.ok ? verified.value.expiresAt - Date.now() / 1000 : 0;
    expect(ttl).toBeGreaterThan(7190);
    expect(ttl).toBeLessThanOrEqual(7200);
  });

  it('token refuses a data folder that does not exist or has no secret, and makes neither', async () => {
    const typo = join(data.dir, 'typo', 'dir');
    const args = ['token', '--person', 'a1', '--org', 'acme', '--role', 'hr', '--data'];
    const missing = await run([...args, typo]);
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.io.stdout).toEqual([]);
    expect(missing.io.stderr.join('')).toContain(`the data folder ${typo} does not exist`);
    expect(existsSync(typo)).toBe(false);
    const empty = await run([...args, data.dir]);
    expect(empty.code).toBe(ExitCode.usage);
    expect(empty.io.stderr.join('')).toContain('has no jwt-secret');
    expect(existsSync(join(data.dir, 'jwt-secret'))).toBe(false);
    // The server's secret from the environment needs no folder at all.
    process.env.FIRSTLINE_JWT_SECRET = 'env-secret-of-at-least-thirty-two-bytes!!';
    try {
      const fromEnv = await run([...args, typo]);
      expect(fromEnv.code).toBe(ExitCode.ok);
      const secret = new TextEncoder().encode(process.env.FIRSTLINE_JWT_SECRET);
      expect((await verifyToken(secret, fromEnv.io.stdout[0]!.trim())).ok).toBe(true);
    } finally {
      delete process.env.FIRSTLINE_JWT_SECRET;
    }
  });

  it("token warns on stderr, and still signs, for a person missing from that org's directory", async () => {
    const demo = join(repoRoot, 'fixtures/demo');
    const imported = await run([
      'import',
      join(demo, 'demo-org.csv'),
      '--profile-file',
      join(demo, 'demo-profile.json'),
      '--org',
      'demo',
      '--data',
      data.dir,
    ]);
    expect(imported.code).toBe(ExitCode.ok);
    loadSecret(data.dir);
    const mint = (person: string, org: string) =>
      run(['token', '--person', person, '--org', org, '--role', 'member', '--data', data.dir]);
    const stranger = await mint('D999', 'demo');
    expect(stranger.code).toBe(ExitCode.ok);
    expect(stranger.io.stdout[0]).toMatch(/^ey/);
    expect(stranger.io.stderr.join('')).toContain('warning: D999 is not in the directory of demo');
    const known = await mint('p-D002', 'demo');
    expect(known.code).toBe(ExitCode.ok);
    expect(known.io.stderr).toEqual([]);
    // No directory for that org in this folder: nothing to compare with, no warning.
    expect((await mint('D999', 'other')).io.stderr).toEqual([]);
  });

  it('token refuses a bad role and a bad ttl with the usage exit code', async () => {
    expect((await run(['token', '--person', 'a1', '--org', 'acme', '--role', 'boss'])).code).toBe(
      ExitCode.usage,
    );
    const ttl = await run([
      'token',
      '--person',
      'a1',
      '--org',
      'acme',
      '--role',
      'hr',
      '--ttl',
      'soon',
      '--data',
      data.dir,
    ]);
    expect(ttl.code).toBe(ExitCode.usage);
    const zero = await run(
      ['token', '--person', 'a1', '--org', 'acme', '--role', 'hr', '--ttl', '0s'].concat([
        '--data',
        data.dir,
      ]),
    );
    expect(zero.code).toBe(ExitCode.usage);
    expect(zero.io.stderr.join('')).toContain('--ttl must be positive');
    const forever = await run(
      ['token', '--person', 'a1', '--org', 'acme', '--role', 'hr', '--ttl', '9999999d'].concat([
        '--data',
        data.dir,
      ]),
    );
    expect(forever.code).toBe(ExitCode.usage);
  });

  it('import --data writes the store; a server started on that dir serves it', async () => {
    const { code, io } = await run([
      'import',
      HR_FILE,
      '--profile',
      'hr-dataset-v14',
      '--org',
      'demo',
      '--json',
      '--data',
      data.dir,
    ]);
    expect(code).toBe(ExitCode.ok);
    const result = JSON.parse(io.stdout.join('')) as { ok: boolean; applied: { docs: number } };
    expect(result).toMatchObject({ ok: true, applied: { docs: 312 } });
    const server = await startServer({ port: 0, dataDir: data.dir, logger: silentLogger() });
    try {
      const token = (
        await run(['token', '--person', 'x', '--org', 'demo', '--role', 'hr', '--data', data.dir])
      ).io.stdout[0]!.trim();
      const res = await fetch(`${server.url}/api/orgs/demo/aggregates/departments`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { departments: { rated: number }[] };
      expect(body.departments.reduce((n, d) => n + d.rated, 0)).toBe(207);
    } finally {
      await server.close();
    }
    const again = await run([
      'import',
      HR_FILE,
      '--profile',
      'hr-dataset-v14',
      '--org',
      'demo',
      '--data',
      data.dir,
    ]);
    expect(again.io.stdout.join('\n')).toContain('changed 0 entries in 0 documents');
  });

  it('import exits 1 with the report when rows fail, 2 for a bad option', async () => {
    const broken = join(data.dir, 'broken.csv');
    writeFileSync(broken, readFileSync(HR_FILE, 'utf8').replace(',10084,', ',,'));
    const failed = await run(['import', broken, '--profile', 'hr-dataset-v14', '--data', data.dir]);
    expect(failed.code).toBe(ExitCode.failed);
    expect(failed.io.stdout.join('\n')).toMatch(
      /FAILED \(validation-failed\)[\s\S]*line 3 \[EmpID\]/,
    );
    // The line is said once, in front, not again inside the message.
    expect(failed.io.stdout.join('\n')).not.toMatch(/line (\d+) .*: line \1:/);
    const generic = await run(['import', broken, '--profile', 'generic', '--data', data.dir]);
    expect(generic.code).toBe(ExitCode.usage);
    expect(generic.io.stderr.join('')).toContain('--profile generic needs --profile-file');
    const bad = await run([
      'import',
      HR_FILE,
      '--profile',
      'hr-dataset-v14',
      '--encoding',
      'latin9',
      '--data',
      data.dir,
    ]);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.io.stderr.join('')).toContain('encoding must be one of');
  });

  it('import --server posts to a running server; --data is refused while it runs', async () => {
    const server = await startTestServer(data.dir);
    try {
      const token = await tokenFor({ personId: 'hr', org: 'demo', role: 'hr' });
      const sent = await run([
        'import',
        HR_FILE,
        '--profile',
        'hr-dataset-v14',
        '--org',
        'demo',
        '--server',
        server.url,
        '--token',
        token,
      ]);
      expect(sent.code).toBe(ExitCode.ok);
      expect(sent.io.stdout.join('\n')).toContain('applied');
      expect((await server.registry.store.list('org/demo/person/')).length).toBe(311);
      const direct = await run([
        'import',
        HR_FILE,
        '--profile',
        'hr-dataset-v14',
        '--org',
        'demo',
        '--data',
        data.dir,
      ]);
      expect(direct.code).toBe(ExitCode.unavailable);
      expect(direct.io.stderr.join('')).toContain('--server');
    } finally {
      await server.close();
    }
  });

  it("import --server: another org is refused with exit 4; without --org the token's org is used", async () => {
    const server = await startTestServer(data.dir);
    const demo = join(repoRoot, 'fixtures/demo');
    const args = ['import', join(demo, 'demo-org.csv'), '--profile-file'];
    try {
      const northwind = await tokenFor({ personId: 'hr', org: 'northwind', role: 'hr' });
      const refused = await run([
        ...args,
        join(demo, 'demo-profile.json'),
        '--org',
        'demo',
        '--server',
        server.url,
        '--token',
        northwind,
      ]);
      expect(refused.code).toBe(ExitCode.refused);
      expect(refused.io.stderr.join('')).toContain('server answered 403');
      expect(await server.registry.store.list('org/demo/')).toEqual([]);
      const badToken = await run([
        ...args,
        join(demo, 'demo-profile.json'),
        '--server',
        server.url,
        '--token',
        'not-a-token',
      ]);
      expect(badToken.code).toBe(ExitCode.refused);

      const sent = await run([
        ...args,
        join(demo, 'demo-profile.json'),
        '--server',
        server.url,
        '--token',
        northwind,
      ]);
      expect(sent.code).toBe(ExitCode.ok);
      expect(sent.io.stdout.join('\n')).toContain('into org northwind');
      expect((await server.registry.store.list('org/northwind/person/')).length).toBeGreaterThan(0);
      expect(await server.registry.store.list('org/demo/')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
