import { CatalogUnavailableError, UnknownSchemaError } from '@iprs/conformance/core';
import {
  DatabaseConnectionError,
  LedgerExistsError,
  MigrationOptionError,
  SchemaMigrationError,
  UnknownTargetVersionError,
} from '@iprs/schema';
import {
  ConnectionError,
  SchemaNotInstalledError,
  SchemaReleaseMismatchError,
  ValidationError,
} from '@iprs/sdk/errors';
import { CliError, ExitCode } from './cli-error.js';
import type { DatabaseTarget } from './database-target.js';
import { serverAddressOf } from './postgres-url.js';

const connectionFailures: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  '28P01': 'password authentication failed',
  '28000': 'the server rejected this user',
  '3D000': 'the database does not exist',
};

/**
 * Turns what database work throws into the CliError the person sees: connection problems exit 2 with a one-line reason
 * and what to do, and so do a database without the iprs tables (run migrate; with the command's `--schema`, given as
 * `schema`), a catalog that stayed locked, a schema that does not exist, input the SDK refused, a bad migrate option
 * and a ledger adopt finds already there; refusals and failures of the migration runner (checksum mismatch,
 * unknown version, failed SQL, lock timeout) exit 1 with the runner's message. Anything else is returned unchanged.
 */
export function asCliError(error: unknown, target: DatabaseTarget, schema?: string): unknown {
  if (error instanceof CliError) return error;
  const reason = connectionFailure(error);
  if (reason !== undefined) {
    const where = serverAddressOf(target.url);
    const advice =
      target.source === 'embedded'
        ? 'The embedded server is not answering: run `iprs db stop` then `iprs db start`, and see .iprs/postgres.log.'
        : `Check ${target.source} and that the server runs; without --database-url and DATABASE_URL, iprs uses its embedded server (\`iprs db start\`).`;
    return new CliError(`cannot connect to PostgreSQL at ${where}: ${reason}. ${advice}`, ExitCode.usageOrConnection, {
      cause: error,
    });
  }
  const migrate = (release = '') => {
    const args = `${release}${schema === undefined ? '' : ` --schema ${schema}`}`;
    return {
      embedded: `\`iprs migrate${args}\``,
      DATABASE_URL: `\`iprs migrate${args}\` with the same DATABASE_URL`,
      '--database-url': `\`iprs migrate${args} --database-url …\` with the same URL`,
    }[target.source];
  };
  if (SchemaReleaseMismatchError.isInstance(error)) {
    const at = error.databaseRelease === null ? 'no schema release applied' : `schema release ${error.databaseRelease}`;
    return new CliError(
      `the database has ${at}, this iprs needs release ${error.requiredRelease}: run ${migrate(` --to ${error.requiredRelease}`)} first`,
      ExitCode.usageOrConnection,
      { cause: error },
    );
  }
  const missingSchema = SchemaNotInstalledError.isInstance(error)
    ? `no migration ledger ${error.ledgerTable}`
    : undefinedTable(error);
  if (missingSchema !== undefined) {
    return new CliError(
      `the database has no iprs schema yet (${missingSchema}): run ${migrate()} first`,
      ExitCode.usageOrConnection,
      {
        cause: error,
      },
    );
  }
  if (error instanceof CatalogUnavailableError || error instanceof UnknownSchemaError) {
    return new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
  }
  if (error instanceof ValidationError)
    return new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
  if (
    error instanceof UnknownTargetVersionError ||
    error instanceof MigrationOptionError ||
    error instanceof LedgerExistsError
  ) {
    return new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
  }
  if (error instanceof SchemaMigrationError) return new CliError(error.message, ExitCode.checkFailed, { cause: error });
  return error;
}

/** Why connecting failed, in a few words, or undefined when `error` is not a connection failure. */
function connectionFailure(error: unknown): string | undefined {
  const wrapped = error instanceof DatabaseConnectionError || error instanceof ConnectionError;
  const cause = wrapped ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code in connectionFailures) return connectionFailures[code];
  if (wrapped) return cause instanceof Error ? cause.message : String(cause);
  return undefined;
}

/** PostgreSQL's message when `error` (or what it wraps) is undefined_table, the mark of an unmigrated database. */
function undefinedTable(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === '42P01') return current.message;
  }
  return undefined;
}
