import { Role, fail, ok, type Result } from '../core-browser.ts';
import { decodeJwt } from 'jose';
import { z } from 'zod';

/** What the panel needs from the token: who is signed in, in which organisation, with which role. */
export interface TokenClaims {
  personId: string;
  org: string;
  role: Role;
  /** Seconds since the epoch, or null when the token does not expire. */
  exp: number | null;
}

/** Why a token cannot be used; each has a message key `token.{reason}`. */
export type TokenProblem = 'missing' | 'malformed' | 'claims' | 'expired';

const Claims = z.object({
  sub: z.string().min(1),
  org: z.string().min(1),
  role: Role,
  exp: z.number().optional(),
});

/**
 * Reads the token's claims without verifying the signature: the server verifies every request,
 * the panel only needs to know whose team to show. `nowSeconds` is passed in so an expired token
 * is reported up front instead of as a string of refused connections.
 */
export function readClaims(token: string, nowSeconds: number): Result<TokenClaims, TokenProblem> {
  const trimmed = token.trim();
  if (trimmed === '') return fail('missing', 'no token');
  let payload: unknown;
  try {
    payload = decodeJwt(trimmed);
  } catch (error) {
    return fail('malformed', error instanceof Error ? error.message : 'cannot decode');
  }
  const parsed = Claims.safeParse(payload);
  if (!parsed.success) return fail('claims', parsed.error.issues[0]?.message ?? 'bad claims');
  const { sub, org, role, exp } = parsed.data;
  if (exp !== undefined && exp <= nowSeconds) {
    return fail('expired', 'token expired', { exp });
  }
  return ok({ personId: sub, org, role, exp: exp ?? null });
}
