/**
 * Substituted at build time (tsup `define`, and vitest's for the tests) with the versions of the `sql/NNN_name.sql`
 * files, read through loadMigrations: see schemaReleasesDefine in tsup.config.ts. Importing this module reads no files.
 */
declare const __IPRS_SCHEMA_RELEASES__: readonly string[];

/** The schema releases this package ships, oldest first: its migration files' versions (`'001'`, `'002'`, …). */
export const schemaReleases: readonly string[] = Object.freeze([...__IPRS_SCHEMA_RELEASES__]);

/** The newest schema release this package ships, e.g. `'003'`: `migrate(url)` brings a database to it. */
export const newestSchemaRelease: string = schemaReleases.at(-1) ?? '';
