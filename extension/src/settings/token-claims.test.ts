import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { readClaims } from './token-claims.ts';

const secret = new TextEncoder().encode('test-secret-test-secret-test-secret');
const NOW = 1_800_000_000;

async function token(claims: Record<string, unknown>, exp?: number): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(secret);
}

describe('readClaims', () => {
  it('reads person, org and role from a token', async () => {
    const t = await token({ sub: 'p-7', org: 'acme', role: 'member' }, NOW + 60);
    expect(readClaims(t, NOW)).toEqual({
      ok: true,
      value: { personId: 'p-7', org: 'acme', role: 'member', exp: NOW + 60 },
    });
  });

  it('reports each problem with its reason', async () => {
    expect(readClaims('  ', NOW)).toMatchObject({ ok: false, reason: 'missing' });
    expect(readClaims('not.a.jwt', NOW)).toMatchObject({ ok: false, reason: 'malformed' });
    const noOrg = await token({ sub: 'p-7', role: 'member' });
    expect(readClaims(noOrg, NOW)).toMatchObject({ ok: false, reason: 'claims' });
    const badRole = await token({ sub: 'p-7', org: 'acme', role: 'boss' });
    expect(readClaims(badRole, NOW)).toMatchObject({ ok: false, reason: 'claims' });
    const old = await token({ sub: 'p-7', org: 'acme', role: 'hr' }, NOW - 1);
    expect(readClaims(old, NOW)).toMatchObject({ ok: false, reason: 'expired' });
  });
});
