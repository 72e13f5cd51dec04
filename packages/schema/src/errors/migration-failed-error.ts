import { SchemaMigrationError } from './schema-migration-error.js';

export interface SqlErrorLocation {
  readonly line: number;
  readonly column: number;
}

export interface MigrationFailure {
  readonly version: string;
  readonly filename: string;
  /** PostgreSQL SQLSTATE, when the server reported the error. */
  readonly sqlState: string | undefined;
  /** Where in the migration file the server placed the error, when it did. */
  readonly location: SqlErrorLocation | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  /** PostgreSQL's context line, e.g. the PL/pgSQL statement inside a DO block. */
  readonly where: string | undefined;
}

/** A migration failed and was rolled back: nothing it did is kept and the ledger does not record it. */
export class MigrationFailedError extends SchemaMigrationError implements MigrationFailure {
  readonly version: string;
  readonly filename: string;
  readonly sqlState: string | undefined;
  readonly location: SqlErrorLocation | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly where: string | undefined;

  constructor(failure: MigrationFailure, options: ErrorOptions & { cause: unknown }) {
    const at = failure.location ? ` at line ${failure.location.line}, column ${failure.location.column}` : '';
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    const code = failure.sqlState ? ` (SQLSTATE ${failure.sqlState})` : '';
    const extra = [
      failure.detail && `DETAIL: ${failure.detail}`,
      failure.hint && `HINT: ${failure.hint}`,
      failure.where && `CONTEXT: ${failure.where}`,
    ].filter(Boolean);
    super(
      `Migration ${failure.filename} failed${at}: ${reason}${code}` +
        (extra.length > 0 ? `\n  ${extra.join('\n  ')}` : '') +
        '\nIt was rolled back: the database and the migration ledger are as they were before it started.',
      options,
    );
    this.version = failure.version;
    this.filename = failure.filename;
    this.sqlState = failure.sqlState;
    this.location = failure.location;
    this.detail = failure.detail;
    this.hint = failure.hint;
    this.where = failure.where;
  }
}
