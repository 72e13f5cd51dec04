import { manifestForRelease, manifests, migrations } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateManifests, readCatalog } from '../src/index.js';
import { execute, provided, withClonedDatabase } from './support/databases.js';

describe('the shipped manifests never drift from sql/', () => {
  it('has one manifest per shipped migration, in order', () => {
    expect(manifests.map((manifest) => manifest.release)).toEqual(migrations.map((migration) => migration.version));
    expect(manifestForRelease().release).toBe(migrations.at(-1)?.version);
  });

  it('equals, release by release, what the migrations produce on a fresh database', async () => {
    const generated = await generateManifests(provided().serverUrl, {
      databasePrefix: `${provided().databasePrefix}_manifest`,
    });
    expect(generated).toEqual(manifests);
  });

  it('equals the catalog of the migrated test template (the newest release)', async () => {
    await withClonedDatabase(async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect(await readCatalog(client)).toEqual(manifestForRelease().schema);
      } finally {
        await client.end();
      }
    });
  });

  it('leaves no scratch database behind', async () => {
    const leftovers = await execute(
      provided().serverUrl,
      `SELECT datname FROM pg_database WHERE datname LIKE '${provided().databasePrefix}\\_manifest%'`,
    );
    expect(leftovers).toEqual([]);
  });
});
