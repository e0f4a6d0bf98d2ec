import {
  BUILTIN_CHECK_IN_PROFILES,
  CheckInImportProfile,
  type CheckInImportProfileInput,
} from './check-ins-profile.ts';
import {
  emptyCheckInCounts,
  planCheckInImport,
  type CheckInImportOutcome,
  type CheckInImportReport,
  type PlanCheckInImportOptions,
} from './check-ins-plan.ts';
import { readTable } from './read-table.ts';

/** Options of `runCheckInImport`: the plan's options plus how to find the profile and the file. */
export interface RunCheckInImportOptions extends PlanCheckInImportOptions {
  /** A built-in profile name (`garment-productivity`, `sales-actual-vs-target`) or a JSON one. */
  profile: string | CheckInImportProfileInput;
  fileName?: string;
}

function emptyReport(profile: string): CheckInImportReport {
  return { profile, source: null, counts: emptyCheckInCounts(), rejected: [], repaired: [] };
}

/**
 * The entry point for bulk actuals: read the bytes (CSV or XLSX, the same reader as the people
 * import), pick the profile, read the targets sheet of a wide workbook, plan. Writing the plan
 * into documents is `applyCheckInImport` in `docs/coaching-docs-check-ins.ts`.
 */
export async function runCheckInImport(
  bytes: Uint8Array,
  options: RunCheckInImportOptions,
): Promise<CheckInImportOutcome> {
  const name =
    typeof options.profile === 'string' ? options.profile : (options.profile.name ?? 'generic');
  let profile: CheckInImportProfile;
  if (typeof options.profile === 'string') {
    const builtin = BUILTIN_CHECK_IN_PROFILES.get(options.profile);
    if (!builtin) {
      const names = [...BUILTIN_CHECK_IN_PROFILES.keys()].join(', ');
      return {
        ok: false,
        reason: 'unknown-profile',
        message: `no built-in check-in profile "${options.profile}" (built-in: ${names})`,
        report: emptyReport(name),
      };
    }
    profile = builtin;
  } else {
    const parsed = CheckInImportProfile.safeParse(options.profile);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.map(String).join('.')}: ${i.message}`,
      );
      return {
        ok: false,
        reason: 'invalid-profile',
        message: `the profile is not valid: ${problems.join('; ')}`,
        report: emptyReport(name),
      };
    }
    profile = parsed.data;
  }
  const sheet = profile.layout.kind === 'wide' ? profile.layout.sheet : undefined;
  const read = (s: string | undefined) =>
    readTable(bytes, {
      fileName: options.fileName,
      encoding: profile.encoding,
      delimiter: profile.delimiter,
      sheet: s,
    });
  const values = await read(sheet);
  if (!values.ok) {
    return { ok: false, reason: values.reason, message: values.message, report: emptyReport(name) };
  }
  const targetSheet = profile.layout.kind === 'wide' ? profile.layout.targetSheet : undefined;
  let targets;
  if (targetSheet !== undefined && values.value.source.format === 'xlsx') {
    const t = await read(targetSheet);
    if (!t.ok) {
      return { ok: false, reason: t.reason, message: t.message, report: emptyReport(name) };
    }
    targets = t.value;
  }
  return planCheckInImport({ values: values.value, targets }, profile, options);
}
