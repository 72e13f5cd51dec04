import { IprsError } from './iprs-error.js';

/** The database has no iprs migration ledger where the SDK's connection looks for its tables. */
export class SchemaNotInstalledError extends IprsError {
  public static override readonly errorName: string = 'SchemaNotInstalledError';

  /** The command that installs the schema (and records SQL files applied by hand with psql). */
  public readonly command = 'npx iprs migrate';

  public constructor(
    /** The first schema of the connection's search_path; null when none of its schemas exists. */
    public readonly schema: string | null,
    public readonly ledgerTable: string,
    /** The newest schema release this SDK was built against. */
    public readonly requiredRelease: string,
  ) {
    const where = schema === null ? 'in any schema of the search_path (none of them exists)' : `in schema ${schema}`;
    super(
      `No iprs migration ledger (${ledgerTable}) ${where}: the iprs schema is not installed in this database, or the ` +
        `connection's search_path points elsewhere. Run \`npx iprs migrate\` (or migrate(url) from @iprs/schema; this ` +
        `@iprs/sdk needs release ${requiredRelease}); it also records SQL files that were applied by hand with psql.`,
    );
  }
}
