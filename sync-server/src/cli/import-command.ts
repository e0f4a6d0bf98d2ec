import { basename } from 'node:path';
import { importFile, parseImportSettings, type ImportResponse } from '../import/import-file.ts';
import { ExitCode, type CliIo } from './cli-io.ts';
import { formatImportSummary } from './format-report.ts';
import {
  orgOfToken,
  postImport,
  printImportResult,
  readImportFile,
  readProfileFile,
  withDataDirRegistry,
} from './import-transport.ts';

/** Flags of `firstline import`. */
export interface ImportFlags {
  profile?: string;
  profileFile?: string;
  /** Default: the token's organisation with `--server`, else `demo`. */
  org?: string;
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

/**
 * `firstline import FILE`: checks and applies an HR export, either by sending it to a running
 * server (`--server`, so connected clients see it at once) or by writing the data directory's
 * store directly. Exits 0 when applied (or the dry run passed), 1 when the file failed, 4 when
 * the server refused the token or the organisation (`ExitCode`).
 */
export async function importCommand(file: string, flags: ImportFlags, io: CliIo): Promise<number> {
  const profileFile = await readProfileFile(flags.profileFile, io);
  if (typeof profileFile === 'number') return profileFile;
  const profileJson = profileFile.value;
  if (profileJson === undefined && (flags.profile ?? 'generic') === 'generic') {
    io.err(
      '--profile generic needs --profile-file FILE.json, the JSON that says which column means ' +
        'what (fixtures/demo/demo-profile.json is a complete example); or name a built-in ' +
        '--profile: hr-dataset-v14, hr-promotion, orangehrm',
    );
    return ExitCode.usage;
  }
  let org = flags.org ?? 'demo';
  if (flags.org === undefined && flags.server !== undefined && flags.token !== undefined) {
    const mine = await orgOfToken(flags.server, flags.token, io);
    if (typeof mine === 'number') return mine;
    org = mine.org;
  }
  const raw = {
    profile: flags.profile ?? (profileJson === undefined ? 'generic' : undefined),
    profileJson,
    org,
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
  const bytes = await readImportFile(file, io);
  if (typeof bytes === 'number') return bytes;
  let result: ImportResponse | number;
  if (flags.server !== undefined) {
    const query = new URLSearchParams({ org, fileName: basename(file) });
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
    result = await postImport<ImportResponse>(
      { server: flags.server, token: flags.token },
      '/api/import',
      query,
      bytes,
      io,
    );
  } else {
    const { settings } = parsed;
    result = await withDataDirRegistry(flags.data, { dryRun: settings.dryRun }, io, (registry) =>
      importFile(registry, bytes, settings),
    );
  }
  return printImportResult(result, flags.json, (r) => formatImportSummary(r, org), io);
}
