import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file a running server leaves in its data directory. */
export const SERVER_LOCK_FILE = 'server.json';

/** What the lock file says about the server using a data directory. */
export interface ServerLock {
  pid: number;
  url: string;
}

/**
 * Marks the data directory as served. `firstline import --data` checks it: writing to the SQLite
 * file behind a running server's back would leave the server's in-memory documents stale (and
 * its clients would never see the import), so the CLI sends the file to the server instead.
 */
export function writeServerLock(dataDir: string, url: string): () => void {
  const file = join(dataDir, SERVER_LOCK_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url } satisfies ServerLock) + '\n');
  return () => rmSync(file, { force: true });
}

/** The live server using `dataDir`, or null (no lock, unreadable lock, or its process is gone). */
export function liveServerLock(dataDir: string): ServerLock | null {
  let lock: ServerLock;
  try {
    lock = JSON.parse(readFileSync(join(dataDir, SERVER_LOCK_FILE), 'utf8')) as ServerLock;
  } catch {
    return null;
  }
  if (typeof lock.pid !== 'number' || typeof lock.url !== 'string') return null;
  try {
    process.kill(lock.pid, 0);
    return lock;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? lock : null;
  }
}
