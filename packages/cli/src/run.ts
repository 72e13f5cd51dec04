import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-error.js';
import { cliVersion } from './cli-version.js';
import { commandRegistrations } from './commands/index.js';
import { missingEmbeddedPostgres } from './missing-embedded-postgres.js';

export function createProgram(): Command {
  const program = new Command('iprs')
    .description('iprs — schema, data access and conformance for the investment portfolio and risk database')
    .version(cliVersion(), '-V, --version', 'print the iprs version and the newest schema release it ships')
    .option('--verbose', 'print stack traces and debug detail', false)
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrations) register(program);
  return program;
}

/** Runs the CLI and resolves to the process exit code; never throws. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.success : ExitCode.usageOrConnection;
    }
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true || argv.includes('--verbose');
    const cliError = error instanceof CliError ? error : missingEmbeddedPostgres(error);
    if (cliError) {
      process.stderr.write(`iprs: ${cliError.message}\n`);
      if (verbose && cliError.cause instanceof Error)
        process.stderr.write(`${cliError.cause.stack ?? cliError.cause}\n`);
      return cliError.exitCode;
    }
    process.stderr.write(`iprs: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('iprs: run again with --verbose for the stack trace\n');
    return ExitCode.usageOrConnection;
  }
}
