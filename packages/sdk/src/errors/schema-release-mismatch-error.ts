import { IprsError } from './iprs-error.js';

/**
 * The database's migration ledger lacks a schema release this SDK reads and writes. Thrown by the first call on a
 * pool (and again by later calls until the database is migrated) instead of PostgreSQL's
 * `relation "…" does not exist`.
 */
export class SchemaReleaseMismatchError extends IprsError {
  public static override readonly errorName: string = 'SchemaReleaseMismatchError';

  /** The command that brings the database to the release this SDK needs. */
  public readonly command: string;

  public constructor(
    /** The newest release the database's ledger records; null when it records none. */
    public readonly databaseRelease: string | null,
    /** The newest schema release this SDK was built against (it needs every release up to it). */
    public readonly requiredRelease: string,
    /** The releases up to `requiredRelease` the ledger does not record. */
    public readonly missingReleases: readonly string[],
    /** The schema whose ledger was read (the first of the connection's search_path). */
    public readonly schema: string,
  ) {
    const command = `npx iprs migrate --to ${requiredRelease}`;
    const at =
      databaseRelease === null ? 'has no iprs schema release applied' : `is at iprs schema release ${databaseRelease}`;
    super(
      `The database (schema ${schema}) ${at}, but this @iprs/sdk needs release ${requiredRelease} ` +
        `(missing: ${missingReleases.join(', ')}). Run \`${command}\` (or \`npx iprs migrate\` for the newest ` +
        'release, or migrate(url) from @iprs/schema), then retry: the SDK checks again on the next call.',
    );
    this.command = command;
  }
}
