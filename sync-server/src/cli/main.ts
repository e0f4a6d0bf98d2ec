import { Command, CommanderError, Option } from 'commander';
import { BUILTIN_CHECK_IN_PROFILES } from '@firstline/core/import/check-ins-profile';
import { processIo, ExitCode, type CliIo } from './cli-io.ts';
import { importActualsCommand, type ImportActualsFlags } from './import-actuals-command.ts';
import { importCommand, type ImportFlags } from './import-command.ts';
import { addOpsCommands } from './ops-commands.ts';
import { serveCommand, type ServeFlags } from './serve-command.ts';
import { scoreCommand } from './score-command.ts';
import { tokenCommand, type TokenFlags } from './token-command.ts';

const PROFILES = ['hr-dataset-v14', 'hr-promotion', 'orangehrm', 'generic'];

/** Builds the `firstline` command tree; `setExit` receives each action's exit code. */
function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('firstline')
    .description('Firstline sync server and HR tools')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the sync server (WebSocket /sync/{doc}, HTTP /api/*)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8787')
    .option('--data <dir>', 'data directory (SQLite store, jwt-secret)', './data')
    .option('--store <url>', 'scale-out: shared store postgres://... (or FIRSTLINE_STORE_URL)')
    .option(
      '--redis <url>',
      'scale-out: redis://... every instance follows (or FIRSTLINE_REDIS_URL)',
    )
    .option(
      '--trust-proxy',
      'behind a TLS reverse proxy: rate-limit by the first X-Forwarded-For address',
    )
    .action(async (flags: ServeFlags) => setExit(await serveCommand(flags, io)));

  program
    .command('token')
    .description("print a JWT signed with the data directory's secret (or FIRSTLINE_JWT_SECRET)")
    .requiredOption('--person <id>', 'person id (the sub claim)')
    .requiredOption('--org <org>', 'organisation id')
    .addOption(
      new Option('--role <role>', 'global role')
        .choices(['member', 'hr', 'admin'])
        .makeOptionMandatory(),
    )
    .option('--ttl <ttl>', 'lifetime: 30d, 12h, 15m, 90s', '30d')
    .option('--data <dir>', "the server's data directory (must hold its jwt-secret)", './data')
    .action(async (flags: TokenFlags) => setExit(await tokenCommand(flags, io)));

  program
    .command('import')
    .description('check and import an HR export (CSV or XLSX) into the directory and records')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--profile <name>', 'built-in mapping profile').choices(PROFILES))
    .option('--profile-file <json>', 'a JSON mapping profile (for "generic" exports)')
    .option('--org <org>', "organisation id (default: the token's with --server, else demo)")
    .option('--dry-run', 'check and report, write nothing')
    .option('--json', 'print the report as JSON')
    .option('--partial', 'import the valid rows even if some are rejected')
    .option('--encoding <enc>', 'auto, utf-8, gbk, gb18030, utf-16le, windows-1252')
    .option('--delimiter <d>', 'auto, comma, semicolon, tab')
    .option('--date-format <f>', 'auto, YYYY-MM-DD, M/D/YYYY, D/M/YYYY')
    .option('--server <url>', 'send the file to a running server (needs --token)')
    .option('--token <jwt>', 'hr or admin token for --server')
    .option('--data <dir>', 'without --server: data directory to write to', './data')
    .action(async (file: string, flags: ImportFlags) =>
      setExit(await importCommand(file, flags, io)),
    );

  program
    .command('import-actuals')
    .description('check and import actuals (CSV or XLSX) as check-ins on the goals they measure')
    .argument('<file>', 'the file to import')
    .addOption(
      new Option('--profile <name>', 'built-in check-in profile').choices([
        ...BUILTIN_CHECK_IN_PROFILES.keys(),
      ]),
    )
    .option(
      '--profile-file <json>',
      'a JSON check-in profile (core/src/import/check-ins-profile.ts)',
    )
    .option('--org <org>', 'organisation id', 'demo')
    .option('--dry-run', 'check and report, write nothing')
    .option('--json', 'print the report as JSON')
    .option('--partial', 'import the valid rows even if some are rejected')
    .option('--create-missing', 'add the teams and people the file names to the directory')
    .option('--server <url>', 'send the file to a running server (needs --token)')
    .option('--token <jwt>', 'hr or admin token for --server')
    .option('--data <dir>', 'without --server: data directory to write to', './data')
    .action(async (file: string, flags: ImportActualsFlags) =>
      setExit(await importActualsCommand(file, flags, io)),
    );

  program
    .command('score')
    .description('score a scorecard file (JSON) and print its parts and final score as JSON')
    .argument('<file>', 'a scorecard description (core/SPEC-scoring.md S7)')
    .option('--json', 'print a refusal as JSON on stdout: { ok: false, reason, issues }')
    .action(async (file: string, flags: { json?: boolean }) =>
      setExit(await scoreCommand(file, io, flags)),
    );

  addOpsCommands(program, io, setExit);

  return program;
}

/**
 * Entry point of the `firstline` command (`bin/firstline.mjs`); returns the exit code instead of
 * exiting, so tests can run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    throw error;
  }
  return code;
}
