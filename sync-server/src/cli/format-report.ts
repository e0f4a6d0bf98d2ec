import type { RowIssue, TableSource } from '@firstline/core/import/index';
import type { ActualsImportResponse } from '../import/import-actuals.ts';
import type { ImportResponse } from '../import/import-file.ts';

const SHOWN_ISSUES = 20;

function issues(title: string, list: RowIssue[]): string[] {
  if (list.length === 0) return [];
  const head = list.length > SHOWN_ISSUES ? ` (first ${SHOWN_ISSUES} of ${list.length})` : '';
  return [
    `${title}${head}:`,
    ...list.slice(0, SHOWN_ISSUES).map((i) => {
      const field = i.field === undefined ? '' : ` [${i.field}]`;
      // Messages start with their line for JSON readers; here the line is already in front.
      const prefix = `line ${i.line}: `;
      const message = i.message.startsWith(prefix) ? i.message.slice(prefix.length) : i.message;
      return `  line ${i.line}${field} ${i.reason}: ${message}`;
    }),
  ];
}

function statusOf(result: ImportResponse | ActualsImportResponse): string {
  if (!result.ok) return `FAILED (${result.reason}): ${result.message}`;
  return result.dryRun ? 'dry run, nothing written' : 'applied';
}

function sourceLine(s: TableSource | null): string[] {
  if (s === null) return [];
  const delimiter = s.delimiter === '\t' ? 'tab' : s.delimiter;
  return [
    `  file: ${s.format}${s.encoding ? `, ${s.encoding}` : ''}${delimiter ? `, "${delimiter}"` : ''}`,
  ];
}

/** The human-readable import summary `firstline import` prints without `--json`. */
export function formatImportSummary(result: ImportResponse, org: string): string {
  const { report } = result;
  const c = report.counts;
  const status = statusOf(result);
  const lines = [`Import with profile ${report.profile} into org ${org}: ${status}`];
  lines.push(...sourceLine(report.source));
  lines.push(
    result.ok
      ? `  rows ${c.rows}, imported ${c.imported}, rejected rows ${c.rejectedRows}`
      : `  rows ${c.rows}, valid ${c.imported}, rejected rows ${c.rejectedRows}: nothing imported`,
    `  people ${c.people} (managers ${c.managers}, created from names ${c.managersCreated})`,
    `  units ${c.units} (departments ${c.departments}, teams ${c.teams}), regions ${c.regions}`,
    `  prior ratings ${c.priorRatings}, indicator values ${c.indicators}`,
  );
  if (result.ok && result.applied !== null) {
    lines.push(`  changed ${result.applied.entries} entries in ${result.applied.docs} documents`);
  }
  lines.push(...issues('Rejected', report.rejected), ...issues('Repaired', report.repaired));
  return lines.join('\n');
}

function listed(title: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  const shown = ids.slice(0, SHOWN_ISSUES).join(', ');
  return [`  ${title} (${ids.length}): ${shown}${ids.length > SHOWN_ISSUES ? ', ...' : ''}`];
}

/** The summary `firstline import-actuals` prints without `--json`: the same shape as the above. */
export function formatActualsSummary(result: ActualsImportResponse, org: string): string {
  const { report } = result;
  const c = report.counts;
  const lines = [
    `Import of actuals with profile ${report.profile} into org ${org}: ${statusOf(result)}`,
    ...sourceLine(report.source),
    `  rows ${c.rows}, values ${c.values}, rejected rows ${c.rejectedRows}` +
      (result.ok ? '' : ': nothing imported'),
    `  subjects ${c.subjects}, series ${c.series}, check-ins ${c.checkIns}`,
  ];
  if (result.ok) {
    const verb = result.applied === null ? 'would create' : 'created';
    lines.push(
      ...listed(`${verb} teams`, result.created.units),
      ...listed(`${verb} people`, result.created.people),
    );
    if (result.applied !== null) {
      const a = result.applied;
      lines.push(
        `  wrote ${a.checkIns} check-ins and ${a.goalsCreated} goals in ${a.docs} documents` +
          (a.checkIns === 0 && a.goalsCreated === 0 ? ' (everything was already there)' : ''),
      );
    }
    if (result.skipped.length > 0) {
      lines.push(`Not written (${result.skipped.length}):`, ...result.skipped.map((s) => `  ${s}`));
    }
  }
  lines.push(...issues('Rejected', report.rejected), ...issues('Repaired', report.repaired));
  if (report.rejected.some((r) => r.reason === 'unknown-team' || r.reason === 'unknown-person')) {
    lines.push(
      'Teams and people must be in the directory (import the HR file first), ' +
        'or pass --create-missing to add them.',
    );
  }
  return lines.join('\n');
}
