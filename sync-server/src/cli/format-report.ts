import type { RowIssue } from '@firstline/core/import/index';
import type { ImportResponse } from '../import/import-file.ts';

const SHOWN_ISSUES = 20;

function issues(title: string, list: RowIssue[]): string[] {
  if (list.length === 0) return [];
  const head = list.length > SHOWN_ISSUES ? ` (first ${SHOWN_ISSUES} of ${list.length})` : '';
  return [
    `${title}${head}:`,
    ...list.slice(0, SHOWN_ISSUES).map((i) => {
      const field = i.field === undefined ? '' : ` [${i.field}]`;
      return `  line ${i.line}${field} ${i.reason}: ${i.message}`;
    }),
  ];
}

/** The human-readable import summary `firstline import` prints without `--json`. */
export function formatImportSummary(result: ImportResponse, org: string): string {
  const { report } = result;
  const c = report.counts;
  const status = !result.ok
    ? `FAILED (${result.reason}): ${result.message}`
    : result.dryRun
      ? 'dry run, nothing written'
      : 'applied';
  const lines = [`Import with profile ${report.profile} into org ${org}: ${status}`];
  if (report.source !== null) {
    const s = report.source;
    const delimiter = s.delimiter === '\t' ? 'tab' : s.delimiter;
    lines.push(
      `  file: ${s.format}${s.encoding ? `, ${s.encoding}` : ''}${delimiter ? `, "${delimiter}"` : ''}`,
    );
  }
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
