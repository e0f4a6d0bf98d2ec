import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DIRECTORY_MAPS } from '@firstline/core/docs/directory';
import { docName } from '@firstline/core/docs/names';
import { Role } from '@firstline/core/model/org';
import { Id } from '@firstline/core/model/ids';
import { existingSecret } from '../auth/secret.ts';
import { parseTtl, signToken } from '../auth/tokens.ts';
import { rawDocOf } from '../backup/raw-docs.ts';
import { STORE_FILE_NAME } from '../backup/store-file.ts';
import { loadDataKeys } from '../crypto/data-key.ts';
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
 * Whether the data directory's store lists `personId` in the directory of `org`: null when it
 * cannot tell (no store, no directory for that org, a sealed store without its key). Read
 * straight from the SQLite file, read-only, so it also works beside a running server.
 */
export function personInDirectory(dataDir: string, org: string, personId: string): boolean | null {
  const file = join(dataDir, STORE_FILE_NAME);
  if (!existsSync(file)) return null;
  const keys = loadDataKeys();
  if (!keys.ok) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const doc = rawDocOf(db, docName({ kind: 'directory', org }), keys.value);
    if (doc === null) return null;
    const people = doc.getMap(DIRECTORY_MAPS.people);
    const found = people.size === 0 ? null : people.has(personId);
    doc.destroy();
    return found;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Prints a token signed with the data directory's secret (or `FIRSTLINE_JWT_SECRET`), the same
 * secret `firstline serve --data` uses, so the token works against that server. Refuses a folder
 * that does not exist or holds no secret (it never makes one), and warns, still signing, when the
 * folder's directory of that organisation does not list the person.
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
    io.err(
      /^\s*0+\s*[smhd]?\s*$/.test(flags.ttl)
        ? '--ttl must be positive: a token that lives 0 seconds is expired when it is made'
        : '--ttl is a number with s, m, h or d (30d, 12h)',
    );
    return ExitCode.usage;
  }
  if (ttl > MAX_TTL_SECONDS) {
    io.err('--ttl is at most 365d: a token that never expires cannot be taken back by waiting');
    return ExitCode.usage;
  }
  const dataDir = resolve(flags.data);
  const secret = existingSecret(dataDir);
  if (!secret.ok) {
    io.err(secret.message);
    return ExitCode.usage;
  }
  if (personInDirectory(dataDir, flags.org, flags.person) === false) {
    io.err(
      `warning: ${flags.person} is not in the directory of ${flags.org} in ${dataDir}; ` +
        'the token is signed, but it opens nothing until that person is imported',
    );
  }
  io.out(
    await signToken(
      secret.value,
      { personId: flags.person, org: flags.org, role: role.data },
      ttl,
      now,
    ),
  );
  return ExitCode.ok;
}
