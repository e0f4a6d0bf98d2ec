import type { ApplyImportResult } from '@firstline/core/docs/apply-import';
import type {
  DateFormat,
  DelimiterChoice,
  EncodingChoice,
  ImportFailure,
  ImportProfileInput,
  ImportReport,
} from '@firstline/core/import/index';
import { runImport } from '@firstline/core/import/index';
import type { DocRegistry } from '../documents/doc-registry.ts';
import { applyPlanLive } from './apply-live.ts';

/** The settings of one import, as the CLI flags and the HTTP query give them. */
export interface ImportSettings {
  profile: string | ImportProfileInput;
  org: string;
  dryRun: boolean;
  partial: boolean;
  fileName?: string;
  encoding?: EncodingChoice;
  delimiter?: DelimiterChoice;
  dateFormat?: DateFormat;
}

/** Why the settings themselves are wrong (before the file is read). */
export type SettingsFailure = 'invalid-option';

/**
 * The answer of an import, the same JSON from the CLI's `--json` and from `POST /api/import`:
 * `applied` is null for a dry run or a failure, which leaves every document untouched.
 */
export type ImportResponse =
  | {
      ok: true;
      dryRun: boolean;
      applied: ApplyImportResult['changed'] | null;
      report: ImportReport;
    }
  | { ok: false; reason: ImportFailure; message: string; report: ImportReport };

/** Reads, validates and (unless a dry run) applies one file to the registry's live documents. */
export async function importFile(
  registry: DocRegistry,
  bytes: Uint8Array,
  settings: ImportSettings,
): Promise<ImportResponse> {
  const outcome = await runImport(bytes, settings);
  if (!outcome.ok) return outcome;
  if (settings.dryRun || outcome.dryRun) {
    return { ok: true, dryRun: true, applied: null, report: outcome.report };
  }
  const result = await applyPlanLive(registry, outcome.plan);
  return { ok: true, dryRun: false, applied: result.changed, report: outcome.report };
}

const ENCODINGS: readonly EncodingChoice[] = [
  'auto',
  'utf-8',
  'gbk',
  'gb18030',
  'utf-16le',
  'windows-1252',
];
const DELIMITERS: Record<string, DelimiterChoice> = {
  auto: 'auto',
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};
const DATE_FORMATS: readonly DateFormat[] = ['auto', 'YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY'];

/** Raw option strings, as a query string or the CLI hands them over. */
export interface RawImportOptions {
  profile?: string;
  profileJson?: unknown;
  org?: string;
  dryRun?: boolean;
  partial?: boolean;
  fileName?: string;
  encoding?: string;
  delimiter?: string;
  dateFormat?: string;
}

/**
 * Checks option strings once for both front ends, so `--encoding latin9` and `?encoding=latin9`
 * fail the same way, naming the accepted values.
 */
export function parseImportSettings(
  raw: RawImportOptions,
):
  { ok: true; settings: ImportSettings } | { ok: false; reason: SettingsFailure; message: string } {
  const bad = (message: string) => ({
    ok: false as const,
    reason: 'invalid-option' as const,
    message,
  });
  if (raw.encoding !== undefined && !ENCODINGS.includes(raw.encoding as EncodingChoice)) {
    return bad(`encoding must be one of ${ENCODINGS.join(', ')}`);
  }
  const delimiter = raw.delimiter === undefined ? undefined : DELIMITERS[raw.delimiter];
  if (raw.delimiter !== undefined && delimiter === undefined) {
    return bad('delimiter must be one of auto, comma, semicolon, tab');
  }
  if (raw.dateFormat !== undefined && !DATE_FORMATS.includes(raw.dateFormat as DateFormat)) {
    return bad(`date format must be one of ${DATE_FORMATS.join(', ')}`);
  }
  let profile: string | ImportProfileInput;
  if (raw.profileJson !== undefined) profile = raw.profileJson as ImportProfileInput;
  else if (raw.profile !== undefined && raw.profile !== 'generic') profile = raw.profile;
  else return bad('give a built-in profile name, or a JSON profile for "generic"');
  return {
    ok: true,
    settings: {
      profile,
      org: raw.org ?? 'demo',
      dryRun: raw.dryRun ?? false,
      partial: raw.partial ?? false,
      fileName: raw.fileName,
      encoding: raw.encoding as EncodingChoice | undefined,
      delimiter,
      dateFormat: raw.dateFormat as DateFormat | undefined,
    },
  };
}
