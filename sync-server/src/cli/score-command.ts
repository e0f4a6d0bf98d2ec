import { readFile } from 'node:fs/promises';
import { scoreCard } from '@firstline/core/scoring/score-card';
import type { ScoringIssue } from '@firstline/core/scoring/issues';
import { ExitCode, type CliIo } from './cli-io.ts';

/**
 * `firstline score FILE`: reads a scorecard description (JSON, the `ScorecardInput` of
 * core/SPEC-scoring.md S7.1, with a worked example there), scores it with
 * the same `scoreCard` the side panel runs and prints the breakdown as JSON, so HR can check the
 * panel's numbers outside it to the last decimal. A bad file prints one line per problem, each
 * naming the field (`indicators[1].weight: ...`), and exits with 1. A valid card that cannot be
 * scored yet (S7.4) is printed like any other, with `final.ok` false, and exits with 0.
 */
export async function scoreCommand(file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return ExitCode.failed;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    io.err(`${file} is not valid JSON: ${(error as Error).message}`);
    return ExitCode.failed;
  }
  const result = scoreCard(json);
  if (!result.ok) {
    const issues = (result.details as { issues?: ScoringIssue[] } | undefined)?.issues ?? [];
    io.err(`${file}: the scorecard was refused (${result.reason})`);
    for (const i of issues) io.err(`  ${i.path || '(card)'}: ${i.message} [${i.reason}]`);
    if (issues.length === 0) io.err(`  ${result.message}`);
    return ExitCode.failed;
  }
  io.out(JSON.stringify(result.value, null, 2));
  return ExitCode.ok;
}
