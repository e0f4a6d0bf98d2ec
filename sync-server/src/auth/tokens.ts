import type { Principal } from '@firstline/core/access/index';
import { Role } from '@firstline/core/model/index';
import { fail, ok, type Result } from '@firstline/core/model/result';
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** Why a token was refused; all of them close a WebSocket with 4401 and answer HTTP 401. */
export type TokenFailure = 'token-missing' | 'token-invalid' | 'token-expired' | 'token-revoked';

/** A verified token: who it speaks for and when it stops being valid (epoch seconds). */
export interface VerifiedToken {
  principal: Principal;
  expiresAt: number;
  /** Issue time in epoch seconds (0 when the token has none); a person-wide revocation compares it. */
  issuedAt: number;
  /** The token's own id (`jti`), so one token can be revoked without its holder's others. */
  tokenId: string | null;
}

/** Signs a token for `principal`, valid for `ttlSeconds` from `now` (a Date, so tests pick the time). */
export async function signToken(
  secret: Uint8Array,
  principal: Principal,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ org: principal.org, role: principal.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.personId)
    .setIssuedAt(iat)
    .setJti(randomUUID())
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
}

/**
 * Verifies signature, algorithm (HS256 only, so an `alg: none` token cannot pass), expiry and the
 * claims Firstline needs. Refusals are values with a reason, never exceptions.
 */
export async function verifyToken(
  secret: Uint8Array,
  token: string | null | undefined,
): Promise<Result<VerifiedToken, TokenFailure>> {
  if (token === null || token === undefined || token.length === 0) {
    return fail('token-missing', 'no token given');
  }
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
    });
    const role = Role.safeParse(payload.role);
    if (typeof payload.org !== 'string' || payload.org.length === 0 || !role.success) {
      return fail('token-invalid', 'token lacks org or a known role');
    }
    return ok({
      principal: { personId: payload.sub!, org: payload.org, role: role.data },
      expiresAt: payload.exp!,
      issuedAt: typeof payload.iat === 'number' ? payload.iat : 0,
      tokenId: typeof payload.jti === 'string' ? payload.jti : null,
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) return fail('token-expired', 'token expired');
    return fail('token-invalid', invalidReason(error));
  }
}

/**
 * Our words for why jose refused a token: its own messages ("Invalid Compact JWS") name library
 * internals, and the API's answers should say what is wrong with the token.
 */
function invalidReason(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "token signature does not match this server's secret";
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token is not signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `token claim "${error.claim}" is missing or invalid`;
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'token is not a well-formed JWT (three base64url parts separated by dots)';
  }
  return 'token is not valid';
}

/** Parses a lifetime such as `30d`, `12h`, `15m`, `90s` or a bare number of seconds. */
export function parseTtl(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (match === null) return null;
  const n = Number(match[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n * unit : null;
}
