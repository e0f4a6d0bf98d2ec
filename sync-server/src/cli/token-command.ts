import { resolve } from 'node:path';
import { Role } from '@firstline/core/model/org';
import { Id } from '@firstline/core/model/ids';
import { loadSecret } from '../auth/secret.ts';
import { parseTtl, signToken } from '../auth/tokens.ts';
import { ExitCode, type CliIo } from './cli-io.ts';

/** The longest lifetime `firstline token` signs (365 days). */
export const MAX_TTL_SECONDS = 365 * 24 * 3600;

/** Flags of `firstline token`. */
export interface TokenFlags {
  person: string;
  org: string;
  role: string;
  ttl: string;
  data: string;
}

/**
 * Prints a token signed with the data directory's secret (or `FIRSTLINE_JWT_SECRET`), the same
 * secret `firstline serve --data` uses, so the token works against that server.
 */
export async function tokenCommand(
  flags: TokenFlags,
  io: CliIo,
  now = new Date(),
): Promise<number> {
  const role = Role.safeParse(flags.role);
  if (!role.success) {
    io.err(`--role must be one of ${Role.options.join(', ')}`);
    return ExitCode.usage;
  }
  if (!Id.safeParse(flags.person).success || !Id.safeParse(flags.org).success) {
    io.err('--person and --org use letters, digits, ".", "_", ":" and "-" only');
    return ExitCode.usage;
  }
  const ttl = parseTtl(flags.ttl);
  if (ttl === null) {
    io.err('--ttl is a number with s, m, h or d (30d, 12h)');
    return ExitCode.usage;
  }
  if (ttl > MAX_TTL_SECONDS) {
    io.err('--ttl is at most 365d: a token that never expires cannot be taken back by waiting');
    return ExitCode.usage;
  }
  const secret = loadSecret(resolve(flags.data));
  io.out(
    await signToken(secret, { personId: flags.person, org: flags.org, role: role.data }, ttl, now),
  );
  return ExitCode.ok;
}
