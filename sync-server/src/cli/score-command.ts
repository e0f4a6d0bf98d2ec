import { readFile } from 'node:fs/promises';
import { scoreCard } from '@firstline/core/scoring/score-card';
import { issue, type ScoringIssue } from '@firstline/core/scoring/issues';
import { ExitCode, type CliIo } from './cli-io.ts';

/**
 * `firstline score FILE`: reads a scorecard description (JSON, the `ScorecardInput` of
 * core/SPEC-scoring.md S7.1, with a worked example there), scores it with
 * the same `scoreCard` the side panel runs and prints the breakdown as JSON, so HR can check the
 * panel's numbers outside it to the last decimal. A bad file prints one line per problem, each
 * naming the field (`indicators[1].weight: ...`), and exits with 1. A valid card that cannot be
 * scored yet (S7.4) is printed like any other, with `final.ok` false, and exits with 0. With
 * `--json` a refusal is `{ ok: false, reason, issues: [{ path, message }] }` on stdout instead.
 */
export async function scoreCommand(
  file: string,
  io: CliIo,
  flags: { json?: boolean } = {},
): Promise<number> {
  // With --json every refusal is one JSON object on stdout, for scripts.
  const refuse = (reason: string, title: string, issues: ScoringIssue[]): number => {
    if (flags.json) {
      const listed = issues.map(({ path, message }) => ({ path, message }));
      io.out(JSON.stringify({ ok: false, reason, issues: listed }, null, 2));
    } else {
      io.err(title);
      for (const i of issues) io.err(`  ${i.path || '(card)'}: ${i.message} [${i.reason}]`);
    }
    return ExitCode.failed;
  };
  const refuseFile = (reason: string, message: string): number =>
    refuse(reason, message, flags.json ? [issue([], reason, message)] : []);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return refuseFile('unreadable', `cannot read ${file}: ${code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refuseFile('not-json', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = scoreCard(json);
  if (!result.ok) {
    const issues = (result.details as { issues?: ScoringIssue[] } | undefined)?.issues ?? [];
    return refuse(
      result.reason,
      `${file}: the scorecard was refused (${result.reason})`,
      issues.length > 0 ? issues : [issue([], result.reason, result.message)],
    );
  }
  io.out(JSON.stringify(result.value, null, 2));
  return ExitCode.ok;
}
