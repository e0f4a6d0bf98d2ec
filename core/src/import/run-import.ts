import { ImportProfile, type ImportProfileInput } from './profile.ts';
import { BUILTIN_PROFILES } from './profiles/builtin-profiles.ts';
import { emptyCounts, type ImportOutcome, type ImportReport } from './outcome.ts';
import { planImport } from './plan-import.ts';
import { readTable } from './read-table.ts';
import type { DateFormat } from './dates.ts';
import type { DelimiterChoice, EncodingChoice } from './table.ts';

/** Options of `runImport`, the same whether they come from the CLI or `POST /api/import`. */
export interface RunImportOptions {
  /** A built-in profile name (`hr-dataset-v14`, `hr-promotion`, `orangehrm`) or a JSON profile. */
  profile: string | ImportProfileInput;
  org: string;
  orgName?: string;
  partial?: boolean;
  dryRun?: boolean;
  fileName?: string;
  /** Override the profile's settings for this one file. */
  encoding?: EncodingChoice;
  delimiter?: DelimiterChoice;
  dateFormat?: DateFormat;
  sheet?: string;
}

function emptyReport(profile: string): ImportReport {
  return { profile, source: null, counts: emptyCounts(), rejected: [], repaired: [] };
}

/**
 * Resolves a profile option: a built-in by name, or a hand-written JSON profile checked against
 * the schema (every problem is named, so HR can fix the JSON in one go).
 */
export function resolveProfile(
  profile: string | ImportProfileInput,
):
  | { ok: true; profile: ImportProfile }
  | { ok: false; reason: 'unknown-profile' | 'invalid-profile'; message: string } {
  if (typeof profile === 'string') {
    const builtin = BUILTIN_PROFILES.get(profile);
    if (builtin) return { ok: true, profile: builtin };
    const names = [...BUILTIN_PROFILES.keys()].join(', ');
    return {
      ok: false,
      reason: 'unknown-profile',
      message: `no built-in profile "${profile}" (built-in: ${names}); pass a JSON profile for "generic"`,
    };
  }
  const parsed = ImportProfile.safeParse(profile);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
  return {
    ok: false,
    reason: 'invalid-profile',
    message: `the profile is not valid: ${problems.join('; ')}`,
  };
}

/**
 * The one entry point for imports: read the bytes, pick the profile, plan. The CLI and the server
 * call this and then, unless it is a dry run, `applyImportPlan`.
 */
export async function runImport(
  bytes: Uint8Array,
  options: RunImportOptions,
): Promise<ImportOutcome> {
  const resolved = resolveProfile(options.profile);
  const name =
    typeof options.profile === 'string' ? options.profile : (options.profile.name ?? 'generic');
  if (!resolved.ok) return { ...resolved, report: emptyReport(name) };
  const base = resolved.profile;
  const profile: ImportProfile = {
    ...base,
    dates: { ...base.dates, format: options.dateFormat ?? base.dates.format },
  };
  const table = await readTable(bytes, {
    fileName: options.fileName,
    encoding: options.encoding ?? profile.encoding,
    delimiter: options.delimiter ?? profile.delimiter,
    sheet: options.sheet ?? profile.sheet,
  });
  if (!table.ok)
    return {
      ok: false,
      reason: table.reason,
      message: table.message,
      report: emptyReport(profile.name),
    };
  return planImport(table.value, profile, {
    org: options.org,
    orgName: options.orgName,
    partial: options.partial,
    dryRun: options.dryRun,
  });
}
