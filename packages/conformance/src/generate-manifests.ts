import { randomBytes } from 'node:crypto';
import { migrate, migrations as shippedMigrations, type Migration, type SchemaManifest } from '@iprs/schema';
import { redactUrl } from '@iprs/schema/internal';
import pg from 'pg';
import { readCatalog } from '@iprs/schema/catalog';
import { openConnection } from './connect.js';

export interface GenerateManifestsOptions {
  /** Defaults to the migrations @iprs/schema ships. */
  readonly migrations?: readonly Migration[];
  /** Prefix of the scratch database's name; default `iprs_manifest`. */
  readonly databasePrefix?: string;
}

/**
 * Builds the manifest of every release from the migrations themselves: creates a scratch database on the server
 * `serverUrl` points at, applies the migrations one release at a time, reads the catalog after each, and drops the
 * scratch database again (also on failure). The connecting role needs CREATEDB.
 */
export async function generateManifests(
  serverUrl: string,
  options: GenerateManifestsOptions = {},
): Promise<SchemaManifest[]> {
  const migrations = options.migrations ?? shippedMigrations;
  const name = `${options.databasePrefix ?? 'iprs_manifest'}_${randomBytes(6).toString('hex')}`;
  const scratchUrl = withDatabase(serverUrl, name);
  const admin = await openConnection(serverUrl, 'iprs-manifest');
  try {
    await admin.client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`);
    try {
      const manifests: SchemaManifest[] = [];
      for (const [index, migration] of migrations.entries()) {
        // The manifests being generated are the ones the shape check compares with: after an SQL edit they are stale.
        await migrate(scratchUrl, { migrations, to: migration.version, checkShape: false });
        const scratch = await openConnection(scratchUrl, 'iprs-manifest');
        try {
          manifests.push({
            formatVersion: 1,
            release: migration.version,
            migrations: migrations.slice(0, index + 1).map(({ version, name: migrationName }) => ({
              version,
              name: migrationName,
            })),
            schema: await readCatalog(scratch.client),
          });
        } finally {
          await scratch.close();
        }
      }
      return manifests;
    } finally {
      await admin.client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    }
  } finally {
    await admin.close();
  }
}

function withDatabase(url: string, database: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new TypeError(`expected a postgres:// URL, got ${JSON.stringify(redactUrl(url))}`, { cause: error });
  }
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
