import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
