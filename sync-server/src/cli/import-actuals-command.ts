import { basename } from 'node:path';
import {
  importActualsFile,
  parseActualsSettings,
  type ActualsImportResponse,
} from '../import/import-actuals.ts';
import { IMPORT_ACTUALS_PATH } from '../http/import-actuals-route.ts';
import { ExitCode, type CliIo } from './cli-io.ts';
import { formatActualsSummary } from './format-report.ts';
import {
  postImport,
  printImportResult,
  readImportFile,
  readProfileFile,
  withDataDirRegistry,
} from './import-transport.ts';

/** Flags of `firstline import-actuals`. */
export interface ImportActualsFlags {
  profile?: string;
  profileFile?: string;
  org: string;
  dryRun?: boolean;
  json?: boolean;
  partial?: boolean;
  createMissing?: boolean;
  server?: string;
  token?: string;
  data: string;
}

/** The author of check-ins written straight into a data directory (no token says who). */
export const CLI_IMPORT_AUTHOR = 'cli-import';

/**
 * `firstline import-actuals FILE`: checks a file of actuals (CSV or XLSX) and writes it as
 * check-ins on the subjects' goals, through a running server (`--server`, so connected panels
 * see them at once) or into a data directory no server is using. Same report and exit codes as
 * `firstline import`: 0 applied (or the dry run passed), 1 the file failed, 2 bad flags,
 * 3 server unreachable or data directory busy.
 */
export async function importActualsCommand(
  file: string,
  flags: ImportActualsFlags,
  io: CliIo,
): Promise<number> {
  if ((flags.profile === undefined) === (flags.profileFile === undefined)) {
    io.err('give either --profile NAME or --profile-file F');
    return ExitCode.usage;
  }
  const profileFile = await readProfileFile(flags.profileFile, io);
  if (typeof profileFile === 'number') return profileFile;
  const parsed = parseActualsSettings({
    profile: flags.profile,
    profileJson: profileFile.value,
    org: flags.org,
    dryRun: flags.dryRun,
    partial: flags.partial,
    createMissing: flags.createMissing,
    fileName: basename(file),
  });
  if (!parsed.ok) {
    io.err(parsed.message);
    return ExitCode.usage;
  }
  const bytes = await readImportFile(file, io);
  if (typeof bytes === 'number') return bytes;
  const { settings } = parsed;
  let result: ActualsImportResponse | number;
  if (flags.server !== undefined) {
    const query = new URLSearchParams({ org: settings.org, fileName: basename(file) });
    if (profileFile.value !== undefined)
      query.set('profileJson', JSON.stringify(profileFile.value));
    else query.set('profile', String(flags.profile));
    for (const [key, value] of [
      ['dryRun', settings.dryRun],
      ['partial', settings.partial],
      ['createMissing', settings.createMissing],
    ] as const) {
      if (value) query.set(key, 'true');
    }
    result = await postImport<ActualsImportResponse>(
      { server: flags.server, token: flags.token },
      IMPORT_ACTUALS_PATH,
      query,
      bytes,
      io,
    );
  } else {
    result = await withDataDirRegistry(
      flags.data,
      { dryRun: settings.dryRun, readStored: true },
      io,
      (registry) =>
        importActualsFile(registry, bytes, settings, {
          authorId: CLI_IMPORT_AUTHOR,
          now: new Date(),
        }),
    );
  }
  return printImportResult(result, flags.json, (r) => formatActualsSummary(r, settings.org), io);
}
