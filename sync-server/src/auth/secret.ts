import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '@firstline/core/model/result';

/** The file in the data directory that holds the signing secret when no env variable is set. */
export const SECRET_FILE = 'jwt-secret';

/**
 * The HS256 signing secret: `FIRSTLINE_JWT_SECRET` when set, otherwise `{dataDir}/jwt-secret`,
 * created with 32 random bytes (mode 0600) on first use. Keeping it beside the data means a
 * `firstline token` run against the same data directory signs tokens the server accepts.
 */
export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = env.FIRSTLINE_JWT_SECRET;
  if (fromEnv !== undefined && fromEnv.length > 0) return new TextEncoder().encode(fromEnv);
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      // Another process created it between the check and the write: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * The signing secret of an existing server, never made up: `FIRSTLINE_JWT_SECRET` when set,
 * otherwise `{dataDir}/jwt-secret`, which must already exist. `firstline token` uses it, because a
 * token signed with a fresh secret in a mistyped folder would be refused by every server.
 */
export function existingSecret(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Result<Uint8Array, 'no-data-dir' | 'no-secret'> {
  const fromEnv = env.FIRSTLINE_JWT_SECRET;
  if (fromEnv !== undefined && fromEnv.length > 0) return ok(new TextEncoder().encode(fromEnv));
  if (!existsSync(dataDir)) {
    return fail(
      'no-data-dir',
      `the data folder ${dataDir} does not exist: give the --data of the server the token is ` +
        'for, or set FIRSTLINE_JWT_SECRET to its secret',
    );
  }
  if (!existsSync(join(dataDir, SECRET_FILE))) {
    return fail(
      'no-secret',
      `${dataDir} has no ${SECRET_FILE}: no server has run on it yet. Give the --data of the ` +
        'server the token is for (firstline serve makes the secret on its first start), or set ' +
        'FIRSTLINE_JWT_SECRET',
    );
  }
  return ok(loadSecret(dataDir, env));
}
