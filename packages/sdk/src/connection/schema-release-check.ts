import { LEDGER_TABLE, newestSchemaRelease, schemaReleases } from '@iprs/schema/releases';
import { sql } from 'slonik';
import { z } from 'zod';
import { SchemaNotInstalledError } from '../errors/schema-not-installed-error.js';
import { SchemaReleaseMismatchError } from '../errors/schema-release-mismatch-error.js';
import type { IprsPool } from './bounded-pool.js';

// The release list is bundled into dist/ at build time (see tsup.config.ts): the SDK needs the newest release that
// existed when it was built and tested, whatever @iprs/schema is installed next to it.
const requiredRelease = newestSchemaRelease;

const ledgerLocation = z.object({ schema: z.string().nullable(), hasLedger: z.boolean() });
const appliedVersion = z.object({ version: z.string() });

const checkedMethods = [
  'any',
  'anyFirst',
  'exists',
  'many',
  'manyFirst',
  'maybeOne',
  'maybeOneFirst',
  'one',
  'oneFirst',
  'query',
  'record',
  'stream',
  'transaction',
  'readTransaction',
  'connect',
] as const satisfies readonly (keyof IprsPool)[];

/**
 * Makes every pool method first make sure, once per pool, that the database's migration ledger records every schema
 * release up to the one this SDK needs. The check runs lazily on the first call (not in createPool); concurrent
 * first calls share it; a passed check is never repeated, a failed one is retried by the next call, so a
 * running service recovers once the database has been migrated. A database at a newer release passes: releases only
 * add (tables, columns with defaults, indexes), so what this SDK uses is still there.
 */
export const requireSchemaRelease = (pool: IprsPool): IprsPool => {
  let checking: Promise<void> | undefined;
  let passed = false;
  const ensureRelease = (): Promise<void> => {
    checking ??= checkSchemaRelease(pool).then(
      () => {
        passed = true;
      },
      (error: unknown) => {
        checking = undefined;
        throw error;
      },
    );
    return checking;
  };
  const checked: Partial<Record<(typeof checkedMethods)[number], unknown>> = {};
  for (const method of checkedMethods) {
    const call = pool[method] as (...args: unknown[]) => Promise<unknown>;
    // Once passed, a call costs nothing more than the pool's own: no extra promise on the hot path.
    checked[method] = (...args: unknown[]) => (passed ? call(...args) : ensureRelease().then(() => call(...args)));
  }
  return Object.assign(Object.create(pool) as IprsPool, checked);
};

const checkSchemaRelease = async (pool: IprsPool): Promise<void> => {
  const { schema, hasLedger } = await pool.one(sql.type(ledgerLocation)`
    SELECT current_schema() AS schema,
           CASE WHEN current_schema() IS NULL THEN false
                ELSE to_regclass(format('%I.%I', current_schema(), ${LEDGER_TABLE}::text)) IS NOT NULL END AS "hasLedger"
  `);
  if (schema === null || !hasLedger) throw new SchemaNotInstalledError(schema, LEDGER_TABLE, requiredRelease);
  const rows = await pool.any(sql.type(appliedVersion)`SELECT version FROM ${sql.identifier([schema, LEDGER_TABLE])}`);
  const applied = rows.map((row) => BigInt(row.version));
  const needed = schemaReleases.filter((release) => BigInt(release) <= BigInt(requiredRelease));
  const missing = needed.filter((release) => !applied.includes(BigInt(release)));
  if (missing.length === 0) return;
  const newest = rows.reduce<string | null>(
    (found, { version }) => (found === null || BigInt(version) > BigInt(found) ? version : found),
    null,
  );
  throw new SchemaReleaseMismatchError(newest, requiredRelease, missing, schema);
};
