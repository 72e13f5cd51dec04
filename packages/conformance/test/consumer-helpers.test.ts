import { manifestForRelease } from '@iprs/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  assertSchemaConforms,
  generateManifests,
  SchemaNonconformanceError,
  UnknownSchemaError,
  verifySchema,
  type ExtraCheck,
} from '../src/index.js';
import { conformanceMatchers } from '../src/vitest.js';
import { execute, withClonedDatabase } from './support/databases.js';

expect.extend(conformanceMatchers);

describe('helpers for consumers', () => {
  it('the vitest matcher passes on a conforming database and fails with the text report otherwise', async () => {
    await withClonedDatabase(async (url) => {
      await expect(url).toConformToSchema();
      await expect(url).toConformToSchema({ release: manifestForRelease().release, strict: true });
      await execute(url, 'ALTER TABLE run DROP CONSTRAINT run_status_check');
      await expect(expect(url).toConformToSchema()).rejects.toThrow(/check constraint run_status_check is missing/);
      await expect(url).not.toConformToSchema();
    });
  });

  it('assertSchemaConforms resolves to the report, or throws it attached to SchemaNonconformanceError', async () => {
    await withClonedDatabase(async (url) => {
      expect((await assertSchemaConforms(url, { probes: false })).conforms).toBe(true);
      await execute(url, 'DROP INDEX run_as_of_date_idx');
      const error = await assertSchemaConforms(url, { probes: false }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(SchemaNonconformanceError);
      expect((error as SchemaNonconformanceError).report.conforms).toBe(false);
      expect((error as Error).message).toContain('index run_as_of_date_idx is missing');
    });
  });

  it('accepts an already connected client and leaves it open', async () => {
    await withClonedDatabase(async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect((await verifySchema(client)).conforms).toBe(true);
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
    });
  });

  it('runs extra checks with the live catalog; their findings count, and a check that throws fails', async () => {
    await withClonedDatabase(async (url) => {
      const seen: string[] = [];
      const extraChecks: ExtraCheck[] = [
        {
          id: 'table-count',
          title: 'sees the catalog and the manifest',
          run: ({ catalog, manifest }) => {
            seen.push(`${catalog.tables.length}/${manifest.release}`);
            return [];
          },
        },
        {
          id: 'no-fx',
          title: 'no fx_spot table',
          run: ({ catalog }) =>
            catalog.tables
              .filter((table) => table.name === 'fx_spot')
              .map((table) => ({
                kind: 'unexpected',
                severity: 'error',
                objectType: 'table',
                object: table.name,
                table: null,
                property: null,
                expected: null,
                actual: table.name,
                message: 'fx_spot is not wanted here',
                fix: null,
              })),
        },
        {
          id: 'broken',
          title: 'throws',
          run: async () => {
            throw new Error('contract unavailable');
          },
        },
      ];
      const report = await verifySchema(url, { probes: false, extraChecks });
      const newest = manifestForRelease();
      expect(seen).toEqual([`${newest.schema.tables.length}/${newest.release}`]);
      const extra = report.checks.filter((check) => check.category === 'extra');
      expect(extra.map((check) => [check.id, check.status])).toEqual([
        ['extra/table-count', 'passed'],
        ['extra/no-fx', 'failed'],
        ['extra/broken', 'failed'],
      ]);
      expect(extra[2]?.findings[0]?.message).toBe('check broken could not run: contract unavailable');
      expect(report.conforms).toBe(false);
    });
  });

  it('refuses an unknown release and an unreachable database with typed errors', async () => {
    await expect(verifySchema('postgres://postgres@127.0.0.1:1/none', {})).rejects.toThrow(
      /Could not connect to PostgreSQL/,
    );
    await expect(verifySchema('postgres://postgres@127.0.0.1:1/none', { release: '42' })).rejects.toThrow(
      /Unknown schema release "42"; this @iprs\/schema knows releases 001, 002/,
    );
  });

  it('generateManifests names a URL it cannot use without any of its passwords', async () => {
    for (const url of ['postgres://app:p@ss@h1:1,h2:2/db', 'postgres://app@h1:1,h2:2/db?password=p@ss']) {
      const error = await generateManifests(url).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain('***');
      expect((error as Error).message).not.toContain('p@ss');
    }
  });

  it('refuses a schema that does not exist with UnknownSchemaError, instead of reporting every object missing', async () => {
    await withClonedDatabase(async (url) => {
      const error = await verifySchema(url, { schema: 'no_such_schema' }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UnknownSchemaError);
      expect((error as UnknownSchemaError).schema).toBe('no_such_schema');
      expect((error as Error).message).toMatch(/^schema "no_such_schema" does not exist in database conf\S*;/);
    });
  });
});
