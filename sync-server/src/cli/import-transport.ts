import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DocRegistry } from '../documents/doc-registry.ts';
import { silentLogger } from '../log/logger.ts';
import { STORE_FILE } from '../server.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import { createSqliteStore } from '../storage/sqlite-store.ts';
import { ExitCode, type CliIo } from './cli-io.ts';

/**
 * What every import command shares: reading the file and a JSON profile, sending the file to a
 * running server, or opening a data directory no server is using, and printing the answer with
 * the exit code scripts rely on. `firstline import` and `firstline import-actuals` differ only in
 * the route, the settings and the summary.
 */

/** Reads `--profile-file`; an exit code (after saying why) when it cannot be read or parsed. */
export async function readProfileFile(
  path: string | undefined,
  io: CliIo,
): Promise<{ value: unknown } | number> {
  if (path === undefined) return { value: undefined };
  try {
    return { value: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (error) {
    io.err(`--profile-file: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.usage;
  }
}

/** Reads the file to import; an exit code (after saying why) when it cannot be read. */
export async function readImportFile(
  file: string,
  io: CliIo,
): Promise<Uint8Array<ArrayBuffer> | number> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.usage;
  }
}

/** An import answer: whatever it holds, it carries a report. */
function hasReport<T>(body: unknown): body is T {
  return typeof body === 'object' && body !== null && 'report' in body;
}

/**
 * POSTs the file to `{server}{path}?{query}` with the token. The server answers the report both
 * when it applied the file and when the file failed (422); any other answer is printed as is.
 */
export async function postImport<T>(
  target: { server: string; token?: string },
  path: string,
  query: URLSearchParams,
  bytes: Uint8Array<ArrayBuffer>,
  io: CliIo,
): Promise<T | number> {
  if (target.token === undefined) {
    io.err('--server needs --token (an hr or admin token: firstline token --role hr ...)');
    return ExitCode.usage;
  }
  const base = target.server.replace(/\/+$/, '').replace(/^ws/, 'http');
  let response: Response;
  try {
    response = await fetch(`${base}${path}?${query.toString()}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.token}`,
        'content-type': 'application/octet-stream',
      },
      body: bytes,
    });
  } catch (error) {
    io.err(`could not reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.unavailable;
  }
  const body: unknown = await response.json().catch(() => null);
  if (hasReport<T>(body)) return body;
  io.err(`server answered ${response.status}: ${JSON.stringify(body)}`);
  return refusal(response.status) ?? ExitCode.failed;
}

/** Exit 4 for an answer that refuses the token (401) or what it asked for (403). */
function refusal(status: number): number | null {
  return status === 401 || status === 403 ? ExitCode.refused : null;
}

/**
 * The organisation of `token` as the server at `server` reads it (`GET /api/me`), so an import
 * sent there goes to the token's own organisation unless `--org` says otherwise; an exit code
 * (after saying why) when the server cannot be reached or refuses the token.
 */
export async function orgOfToken(
  server: string,
  token: string,
  io: CliIo,
): Promise<{ org: string } | number> {
  const base = server.replace(/\/+$/, '').replace(/^ws/, 'http');
  let response: Response;
  try {
    response = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    io.err(`could not reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.unavailable;
  }
  const body = (await response.json().catch(() => null)) as { org?: unknown } | null;
  if (response.ok && typeof body?.org === 'string') return { org: body.org };
  io.err(`server answered ${response.status} to /api/me: ${JSON.stringify(body)}`);
  return refusal(response.status) ?? ExitCode.failed;
}

/** A view of a store that reads and never writes: a dry run that must see stored documents. */
function readOnlyStore(store: DocStore): DocStore {
  return {
    load: (name) => store.load(name),
    list: (prefix) => store.list(prefix),
    append: () => {
      throw new Error('a dry run writes nothing');
    },
    // Unloading compacts; in a dry run nothing changed, so there is nothing to compact.
    compact: () => undefined,
    close: () => store.close(),
  };
}

/**
 * Runs `apply` against the data directory's store through the same registry and commit path as
 * the server, with nobody connected. Refuses (exit 3) when a server holds the directory, unless
 * it is a dry run. A dry run writes nothing, not even an empty database; it reads the stored
 * documents only when `readStored` (actuals are matched against the stored directory), and then
 * through a view that cannot write.
 */
export async function withDataDirRegistry<T>(
  dir: string,
  options: { dryRun: boolean; readStored?: boolean },
  io: CliIo,
  apply: (registry: DocRegistry) => Promise<T>,
): Promise<T | number> {
  const dataDir = resolve(dir);
  const { dryRun } = options;
  const live = liveServerLock(dataDir);
  if (live !== null && !dryRun) {
    io.err(
      `a server (pid ${live.pid}) is using ${dataDir}; send the file to it instead: ` +
        `--server ${live.url} --token <hr token>`,
    );
    return ExitCode.unavailable;
  }
  const file = join(dataDir, STORE_FILE);
  let store: DocStore;
  if (!dryRun) {
    mkdirSync(dataDir, { recursive: true });
    store = createSqliteStore(file);
  } else if (options.readStored && existsSync(file)) {
    store = readOnlyStore(createSqliteStore(file));
  } else {
    store = createSqliteStore(':memory:');
  }
  const registry = new DocRegistry({ store, logger: silentLogger(), unloadGraceMs: 0 });
  try {
    return await apply(registry);
  } finally {
    await registry.closeAll();
    await store.close();
  }
}

/** Prints an import answer (JSON or the summary) and turns it into the exit code. */
export function printImportResult<T extends { ok: boolean }>(
  result: T | number,
  json: boolean | undefined,
  summary: (result: T) => string,
  io: CliIo,
): number {
  if (typeof result === 'number') return result;
  io.out(json ? JSON.stringify(result, null, 2) : summary(result));
  return result.ok ? ExitCode.ok : ExitCode.failed;
}
