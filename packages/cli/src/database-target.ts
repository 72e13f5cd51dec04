import { redactUrl } from '@iprs/schema/internal';
import { runningInCi } from './ci-environment.js';
import { CliError, ExitCode } from './cli-error.js';
import { parsePostgresUrl, queryParameterProblem } from './postgres-url.js';

type DatabaseUrlSource = '--database-url' | 'DATABASE_URL' | 'embedded';

export interface DatabaseTarget {
  url: string;
  source: DatabaseUrlSource;
}

export interface ResolveDatabaseUrlOptions {
  /** The command's `--database-url` value. */
  databaseUrl?: string | undefined;
  /** Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The project directory holding `.iprs/`. Default: `process.cwd()`. */
  cwd?: string;
}

/** The help text of `--database-url`, the same on every command. */
export const databaseUrlOptionHelp =
  'PostgreSQL URL, libpq forms included (default: DATABASE_URL, else the embedded server under .iprs/, which under CI ' +
  'only `iprs db start` starts)';

/**
 * The database a command works on: `--database-url`, else `DATABASE_URL`, else the embedded server under `.iprs/` in
 * the current directory (started when it is not running, saying so on stderr). Under CI that server is used only when
 * `iprs db start` already started it (see `refuseEmbeddedServerInCi`). A value that is not a postgres:// URL is a usage
 * error (exit 2).
 *
 * Usage in a command: `.option('--database-url <url>', databaseUrlOptionHelp)`, then
 * `const target = await resolveDatabaseUrl(options)` and, around the database work, `throw asCliError(error, target)`.
 */
export async function resolveDatabaseUrl(options: ResolveDatabaseUrlOptions = {}): Promise<DatabaseTarget> {
  const given = givenDatabaseUrl(options);
  if (given) return given;
  const cwd = options.cwd ?? process.cwd();
  // Imported here: a command given a URL does not load the embedded server's code.
  const { findProjectDatabase } = await import('./project-database/find-project-database.js');
  const { startProjectDatabase } = await import('./project-database/start-project-database.js');
  if (runningInCi(options.env)) {
    const started = await findProjectDatabase(cwd);
    if (started) return { url: started.connectionString, source: 'embedded' };
    refuseEmbeddedServerInCi(options.env);
  }
  const server = await startProjectDatabase(cwd);
  if (!server.alreadyRunning) {
    process.stderr.write(
      `started embedded PostgreSQL under .iprs/ on port ${server.port}; it keeps running (\`iprs db stop\`)\n`,
    );
  }
  return { url: server.connectionString, source: 'embedded' };
}

/** `--database-url`, else `DATABASE_URL`, checked; undefined when neither is given. */
export function givenDatabaseUrl(options: Omit<ResolveDatabaseUrlOptions, 'cwd'>): DatabaseTarget | undefined {
  if (options.databaseUrl !== undefined) {
    return { url: checkedUrl(options.databaseUrl, '--database-url'), source: '--database-url' };
  }
  const fromEnvironment = (options.env ?? process.env)['DATABASE_URL'];
  if (fromEnvironment) return { url: checkedUrl(fromEnvironment, 'DATABASE_URL'), source: 'DATABASE_URL' };
  return undefined;
}

/**
 * Under CI a command given no database stops (exit 2) instead of starting an embedded server: a job whose
 * DATABASE_URL went missing would otherwise verify or migrate a fresh, empty database and leave the server running.
 */
export function refuseEmbeddedServerInCi(env: NodeJS.ProcessEnv = process.env): void {
  if (!runningInCi(env)) return;
  throw new CliError(
    `no database given and CI=${env['CI']} is set: set DATABASE_URL or pass --database-url ` +
      '(under CI iprs starts no embedded PostgreSQL on its own; run `iprs db start` first to use one on purpose)',
    ExitCode.usageOrConnection,
  );
}

/** One line naming the database without its password, e.g. for the first line of a command's output. */
export function describeTarget(target: DatabaseTarget): string {
  const origin = target.source === 'embedded' ? 'embedded server under .iprs/' : `from ${target.source}`;
  return `${redactUrl(target.url)} (${origin})`;
}

function checkedUrl(value: string, origin: string): string {
  const url = parsePostgresUrl(value);
  // Echo what was given, unless it might hold a password we cannot mask.
  const shown = url ? ` "${redactUrl(value)}"` : value.includes('@') || value.includes('password') ? '' : ` "${value}"`;
  const problem = url ? queryParameterProblem(url) : undefined;
  if (url && !problem) return value;
  throw new CliError(
    problem
      ? `${origin}${shown}: ${problem}`
      : `${origin}${shown} is not a PostgreSQL URL (expected postgres://user:password@host:port/database, or ` +
          'postgres:///database?host=/socket/directory for a Unix socket)',
    ExitCode.usageOrConnection,
  );
}
