import { SchemaMigrationError } from '../errors/schema-migration-error.js';

/** A release was asked for that has no manifest in this version of @iprs/schema. */
export class UnknownReleaseError extends SchemaMigrationError {
  readonly release: string;
  readonly knownReleases: readonly string[];

  constructor(release: string, knownReleases: readonly string[]) {
    super(
      `Unknown schema release "${release}"; this @iprs/schema knows releases ${knownReleases.join(', ') || '(none)'}`,
    );
    this.release = release;
    this.knownReleases = knownReleases;
  }
}
