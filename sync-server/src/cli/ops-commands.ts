import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Id } from '@firstline/core/model/ids';
import { REVOCATIONS_DOC, revokeInStore, type RevocationRequest } from '../auth/revocation-list.ts';
import { loadSecret } from '../auth/secret.ts';
import { signToken } from '../auth/tokens.ts';
import { backupStore } from '../backup/backup-store.ts';
import { restoreStore } from '../backup/restore-store.ts';
import { STORE_FILE_NAME } from '../backup/store-file.ts';
import { generateDataKey, loadDataKeys } from '../crypto/data-key.ts';
import { encryptedStore } from '../crypto/encrypted-store.ts';
import { checkDataKeys } from '../crypto/key-check.ts';
import { rotateDataKey } from '../crypto/rotate-key.ts';
import { REVOCATIONS_PATH } from '../http/admin-routes.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import { createSqliteStore } from '../storage/sqlite-store.ts';
import { ExitCode, type CliIo } from './cli-io.ts';

/** Flags of `firstline revoke`. */
export interface RevokeFlags {
  data: string;
  org?: string;
  person?: string;
  tokenId?: string;
  reason?: string;
}

function keysOrFail(io: CliIo): ReturnType<typeof loadDataKeys> {
  const keys = loadDataKeys();
  if (!keys.ok) io.err(keys.message);
  return keys;
}

/**
 * `firstline revoke`: with a server running on the data directory, posts to its admin endpoint
 * (signing a one-minute admin token with the directory's secret), so live sockets close at once;
 * without one, writes the revocation into the store, and the next server start honours it.
 */
export async function revokeCommand(flags: RevokeFlags, io: CliIo): Promise<number> {
  const dataDir = resolve(flags.data);
  let request: RevocationRequest;
  if (flags.person !== undefined && flags.tokenId === undefined) {
    if (
      flags.org === undefined ||
      !Id.safeParse(flags.org).success ||
      !Id.safeParse(flags.person).success
    ) {
      io.err('--person needs --org; ids use letters, digits, ".", "_", ":" and "-"');
      return ExitCode.usage;
    }
    request = { kind: 'person', org: flags.org, personId: flags.person };
  } else if (flags.tokenId !== undefined && flags.person === undefined) {
    request = { kind: 'token', tokenId: flags.tokenId };
  } else {
    io.err('give either --person (with --org) or --token-id');
    return ExitCode.usage;
  }
  if (flags.reason !== undefined) request.reason = flags.reason;
  const lock = liveServerLock(dataDir);
  if (lock !== null) {
    const org = request.kind === 'person' ? request.org : (flags.org ?? 'system');
    const token = await signToken(
      loadSecret(dataDir),
      { personId: 'firstline-cli', org, role: 'admin' },
      60,
    );
    const body =
      request.kind === 'person'
        ? { person: request.personId, reason: request.reason }
        : { tokenId: request.tokenId, reason: request.reason };
    try {
      const res = await fetch(new URL(REVOCATIONS_PATH, lock.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      io.out(await res.text());
      return res.ok ? ExitCode.ok : ExitCode.failed;
    } catch (error) {
      io.err(`the server at ${lock.url} did not answer: ${String(error)}`);
      return ExitCode.unavailable;
    }
  }
  const keys = keysOrFail(io);
  if (!keys.ok) return ExitCode.usage;
  const check = checkDataKeys(dataDir, keys.value);
  if (!check.ok) {
    io.err(check.message);
    return ExitCode.failed;
  }
  const sqlite = createSqliteStore(resolve(dataDir, STORE_FILE_NAME));
  const store = keys.value === null ? sqlite : encryptedStore(sqlite, keys.value);
  try {
    const entry = await revokeInStore(store, request);
    io.out(JSON.stringify({ revocation: entry, stored: REVOCATIONS_DOC }));
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}

/** Registers backup, restore, revoke, keygen and rotate-key on the `firstline` program. */
export function addOpsCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('backup')
    .description('copy the store with the SQLite online backup API (safe while serving)')
    .requiredOption('--out <file>', 'the backup file to write (must not exist)')
    .option('--data <dir>', 'data directory', './data')
    .action(async (flags: { out: string; data: string }) => {
      const result = await backupStore(resolve(flags.data), resolve(flags.out));
      if (!result.ok) {
        io.err(`backup failed (${result.reason}): ${result.message}`);
        return setExit(ExitCode.failed);
      }
      io.out(JSON.stringify(result.value));
      setExit(ExitCode.ok);
    });

  program
    .command('restore')
    .description('replace the store with a backup, verified by comparing state vectors')
    .requiredOption('--from <file>', 'the backup file')
    .option('--data <dir>', 'data directory (no server may be running on it)', './data')
    .addHelpText(
      'after',
      '\nRevocations survive a restore: those of the store being replaced are merged into the\n' +
        "backup's, so a token revoked after the backup was taken stays revoked. Every other\n" +
        "document must equal the backup's; the revocations document must equal that merge.",
    )
    .action(async (flags: { from: string; data: string }) => {
      const keys = keysOrFail(io);
      if (!keys.ok) return setExit(ExitCode.usage);
      const result = await restoreStore(resolve(flags.from), resolve(flags.data), keys.value);
      if (!result.ok) {
        io.err(`restore failed (${result.reason}): ${result.message}`);
        if (Array.isArray(result.details)) io.err(result.details.slice(0, 20).join('\n'));
        return setExit(result.reason === 'server-running' ? ExitCode.unavailable : ExitCode.failed);
      }
      io.out(JSON.stringify({ ...result.value, verified: true }));
      setExit(ExitCode.ok);
    });

  program
    .command('revoke')
    .description("revoke a person's tokens issued until now, or one token by its id")
    .option('--person <id>', 'person id whose tokens are revoked')
    .option('--org <org>', 'organisation of --person')
    .option('--token-id <jti>', 'the jti of a single token')
    .option('--reason <text>', 'kept with the entry')
    .option('--data <dir>', 'data directory', './data')
    .action(async (flags: RevokeFlags) => setExit(await revokeCommand(flags, io)));

  program
    .command('keygen')
    .description('print a new random data key (base64) for FIRSTLINE_DATA_KEY')
    .action(() => {
      io.out(generateDataKey());
      setExit(ExitCode.ok);
    });

  program
    .command('rotate-key')
    .description('re-encrypt the store with the first key of FIRSTLINE_DATA_KEY (new,old...)')
    .option('--data <dir>', 'data directory (no server may be running on it)', './data')
    .action((flags: { data: string }) => {
      const keys = keysOrFail(io);
      if (!keys.ok) return setExit(ExitCode.usage);
      if (keys.value === null) {
        io.err('set FIRSTLINE_DATA_KEY="NEW,OLD" (new key first) or FIRSTLINE_DATA_KEY_FILE');
        return setExit(ExitCode.usage);
      }
      const result = rotateDataKey(resolve(flags.data), keys.value);
      if (!result.ok) {
        io.err(`rotation failed (${result.reason}): ${result.message}`);
        return setExit(result.reason === 'server-running' ? ExitCode.unavailable : ExitCode.failed);
      }
      io.out(JSON.stringify(result.value));
      setExit(ExitCode.ok);
    });
}
