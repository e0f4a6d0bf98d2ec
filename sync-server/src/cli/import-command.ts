import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DocRegistry } from '../documents/doc-registry.ts';
import { importFile, parseImportSettings, type ImportResponse } from '../import/import-file.ts';
import { silentLogger } from '../log/logger.ts';
import { STORE_FILE } from '../server.ts';
import { liveServerLock } from '../storage/server-lock.ts';
import { createSqliteStore } from '../storage/sqlite-store.ts';
import { ExitCode, type CliIo } from './cli-io.ts';
import { formatImportSummary } from './format-report.ts';

/** Flags of `firstline import`. */
export interface ImportFlags {
  profile?: string;
  profileFile?: string;
  org: string;
  dryRun?: boolean;
  json?: boolean;
  partial?: boolean;
  encoding?: string;
  delimiter?: string;
  dateFormat?: string;
  server?: string;
  token?: string;
  data: string;
}

async function viaServer(
  flags: ImportFlags,
  query: URLSearchParams,
  bytes: Uint8Array<ArrayBuffer>,
  io: CliIo,
): Promise<ImportResponse | number> {
  if (flags.token === undefined) {
    io.err('--server needs --token (an hr or admin token: firstline token --role hr ...)');
    return ExitCode.usage;
  }
  const base = flags.server!.replace(/\/+$/, '').replace(/^ws/, 'http');
  let response: Response;
  try {
    response = await fetch(`${base}/api/import?${query.toString()}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${flags.token}`,
        'content-type': 'application/octet-stream',
      },
      body: bytes,
    });
  } catch (error) {
    io.err(`could not reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.unavailable;
  }
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'report' in body) return body as ImportResponse;
  io.err(`server answered ${response.status}: ${JSON.stringify(body)}`);
  return ExitCode.failed;
}

async function intoDataDir(
  flags: ImportFlags,
  bytes: Uint8Array,
  settings: Parameters<typeof importFile>[2],
  io: CliIo,
): Promise<ImportResponse | number> {
  const dataDir = resolve(flags.data);
  const live = liveServerLock(dataDir);
  if (live !== null && !settings.dryRun) {
    io.err(
      `a server (pid ${live.pid}) is using ${dataDir}; send the file to it instead: ` +
        `--server ${live.url} --token <hr token>`,
    );
    return ExitCode.unavailable;
  }
  // A dry run reads nothing stored and writes nothing, not even an empty database file.
  if (!settings.dryRun) mkdirSync(dataDir, { recursive: true });
  const store = createSqliteStore(settings.dryRun ? ':memory:' : join(dataDir, STORE_FILE));
  // The same registry and commit path as the server, with nobody connected.
  const registry = new DocRegistry({ store, logger: silentLogger(), unloadGraceMs: 0 });
  try {
    return await importFile(registry, bytes, settings);
  } finally {
    await registry.closeAll();
    await store.close();
  }
}

/**
 * `firstline import FILE`: checks and applies an HR export, either by sending it to a running
 * server (`--server`, so connected clients see it at once) or by writing the data directory's
 * store directly. Exits 0 when applied (or the dry run passed), 1 when the file failed.
 */
export async function importCommand(file: string, flags: ImportFlags, io: CliIo): Promise<number> {
  let profileJson: unknown;
  if (flags.profileFile !== undefined) {
    try {
      profileJson = JSON.parse(await readFile(flags.profileFile, 'utf8'));
    } catch (error) {
      io.err(`--profile-file: ${error instanceof Error ? error.message : String(error)}`);
      return ExitCode.usage;
    }
  }
  const raw = {
    profile: flags.profile ?? (profileJson === undefined ? 'generic' : undefined),
    profileJson,
    org: flags.org,
    dryRun: flags.dryRun ?? false,
    partial: flags.partial ?? false,
    fileName: basename(file),
    encoding: flags.encoding,
    delimiter: flags.delimiter,
    dateFormat: flags.dateFormat,
  };
  const parsed = parseImportSettings(raw);
  if (!parsed.ok) {
    io.err(parsed.message);
    return ExitCode.usage;
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.usage;
  }
  let result: ImportResponse | number;
  if (flags.server !== undefined) {
    const query = new URLSearchParams({ org: flags.org, fileName: basename(file) });
    if (profileJson !== undefined) query.set('profileJson', JSON.stringify(profileJson));
    else query.set('profile', String(raw.profile));
    for (const [key, value] of [
      ['dryRun', flags.dryRun],
      ['partial', flags.partial],
    ] as const) {
      if (value) query.set(key, 'true');
    }
    for (const [key, value] of [
      ['encoding', flags.encoding],
      ['delimiter', flags.delimiter],
      ['dateFormat', flags.dateFormat],
    ] as const) {
      if (value !== undefined) query.set(key, value);
    }
    result = await viaServer(flags, query, bytes, io);
  } else {
    result = await intoDataDir(flags, bytes, parsed.settings, io);
  }
  if (typeof result === 'number') return result;
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else io.out(formatImportSummary(result, flags.org));
  return result.ok ? ExitCode.ok : ExitCode.failed;
}
