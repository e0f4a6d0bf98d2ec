import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../src/protocol/close-codes.ts';
import type { RunningServer } from '../src/server.ts';
import { main } from '../src/cli/main.ts';
import {
  closeCodeOf,
  connectClient,
  principals,
  seedDirectory,
  startTestServer,
  synced,
  tempDataDir,
  tokenFor,
} from './helpers.ts';

let data: ReturnType<typeof tempDataDir> | null = null;
let server: RunningServer | null = null;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  data?.remove();
  server = null;
});

async function start(): Promise<RunningServer> {
  data ??= tempDataDir();
  server = await startTestServer(data.dir);
  await seedDirectory(server);
  return server;
}

function closeOf(provider: ReturnType<typeof connectClient>['provider']): Promise<number> {
  return new Promise((resolve) =>
    provider.on('connection-close', (event) => {
      if (event) resolve(event.code);
    }),
  );
}

describe('revocation', () => {
  it('REVOKE-1 revoking a person over the admin API closes their live sockets and refuses their tokens', async () => {
    const s = await start();
    const m1Token = await tokenFor(principals.m1);
    const m1 = connectClient(s, 'org/acme/team/t1', m1Token);
    const a1 = connectClient(s, 'org/acme/team/t1', await tokenFor(principals.a1));
    cleanups.push(
      () => m1.provider.destroy(),
      () => a1.provider.destroy(),
    );
    await Promise.all([synced(m1.provider), synced(a1.provider)]);
    const closed = closeOf(m1.provider);
    const res = await fetch(`${s.url}/api/admin/revocations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(principals.admin)}` },
      body: JSON.stringify({ person: 'm1', reason: 'left the company' }),
    });
    expect(res.status).toBe(201);
    expect(await closed).toBe(CloseCode.badToken);
    expect(a1.provider.wsconnected).toBe(true);
    expect(await closeCodeOf(`${s.syncUrl}/org/acme/team/t1?token=${m1Token}`)).toMatchObject({
      code: CloseCode.badToken,
      reason: 'token-revoked',
    });
    const me = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${m1Token}` } });
    expect(me.status).toBe(401);
    const list = (await (
      await fetch(`${s.url}/api/admin/revocations`, {
        headers: { authorization: `Bearer ${await tokenFor(principals.admin)}` },
      })
    ).json()) as { revocations: { kind: string; personId?: string }[] };
    expect(list.revocations).toMatchObject([{ kind: 'person', personId: 'm1' }]);
  });

  it('REVOKE-2 only admins may revoke', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/api/admin/revocations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(principals.hr1)}` },
      body: JSON.stringify({ person: 'm1' }),
    });
    expect(res.status).toBe(403);
    expect(s.revocations.list()).toEqual([]);
  });

  it('REVOKE-3 a token revoked by its id is refused; the same person with another token is not', async () => {
    const s = await start();
    const revoked = await tokenFor(principals.a1);
    const jti = JSON.parse(Buffer.from(revoked.split('.')[1]!, 'base64url').toString()).jti;
    s.revocations.revoke({ kind: 'token', tokenId: jti });
    expect((await closeCodeOf(`${s.syncUrl}/org/acme/team/t1?token=${revoked}`)).reason).toBe(
      'token-revoked',
    );
    const fresh = connectClient(s, 'org/acme/team/t1', await tokenFor(principals.a1));
    cleanups.push(() => fresh.provider.destroy());
    await synced(fresh.provider);
  });

  it('REVOKE-4 `firstline revoke` without a server stores the entry; the next server honours it', async () => {
    data = tempDataDir();
    const s = await start();
    const token = await tokenFor(principals.b1);
    await s.close();
    server = null;
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) };
    const code = await main(
      ['node', 'firstline', 'revoke', '--data', data.dir, '--org', 'acme', '--person', 'b1'],
      io,
    );
    expect(code).toBe(0);
    expect(out.join('')).toContain('"personId":"b1"');
    const again = await start();
    expect(await closeCodeOf(`${again.syncUrl}/org/acme/team/t2?token=${token}`)).toMatchObject({
      code: CloseCode.badToken,
      reason: 'token-revoked',
    });
  });
});
