import { redactUrl } from '@iprs/testkit';
import { CliError, ExitCode } from './cli-error.js';
import { startProjectDatabase } from './project-database/start-project-database.js';

export type DatabaseUrlSource = '--database-url' | 'DATABASE_URL' | 'embedded';

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
export const databaseUrlOptionHelp = 'PostgreSQL URL (default: DATABASE_URL, else the embedded server under .iprs/)';

/**
 * The database a command works on: `--database-url`, else `DATABASE_URL`, else the embedded server under `.iprs/` in
 * the current directory (started when it is not running, saying so on stderr). A value that is not a postgres:// URL
 * is a usage error (exit 2).
 *
 * Usage in a command: `.option('--database-url <url>', databaseUrlOptionHelp)`, then
 * `const target = await resolveDatabaseUrl(options)` and, around the database work, `throw asCliError(error, target)`.
 */
export async function resolveDatabaseUrl(options: ResolveDatabaseUrlOptions = {}): Promise<DatabaseTarget> {
  if (options.databaseUrl !== undefined) {
    return { url: checkedUrl(options.databaseUrl, '--database-url'), source: '--database-url' };
  }
  const fromEnvironment = (options.env ?? process.env)['DATABASE_URL'];
  if (fromEnvironment) return { url: checkedUrl(fromEnvironment, 'DATABASE_URL'), source: 'DATABASE_URL' };
  const server = await startProjectDatabase(options.cwd ?? process.cwd());
  if (!server.alreadyRunning) {
    process.stderr.write(`started embedded PostgreSQL under .iprs/ on port ${server.port}; it keeps running (\`iprs db stop\`)\n`);
  }
  return { url: server.connectionString, source: 'embedded' };
}

/** One line naming the database without its password, e.g. for the first line of a command's output. */
export function describeTarget(target: DatabaseTarget): string {
  const origin = target.source === 'embedded' ? 'embedded server under .iprs/' : `from ${target.source}`;
  return `${redactUrl(target.url)} (${origin})`;
}

function checkedUrl(value: string, origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname) return value;
  // Echo what was given, unless it might hold a password we cannot mask.
  const shown = url ? ` "${redactUrl(value)}"` : value.includes('@') ? '' : ` "${value}"`;
  throw new CliError(
    `${origin}${shown} is not a PostgreSQL URL (expected postgres://user:password@host:port/database)`,
    ExitCode.usageOrConnection,
  );
}
