import { readFileSync } from 'node:fs';
import pg from 'pg';
import { connectClient } from '../connect-client.js';
import { GrantsFailedError } from '../errors/grants-failed-error.js';
import type { MigrationTarget } from '../migration.js';
import { iprsRoles } from './iprs-roles.js';

export interface ApplyGrantsOptions {
  /** The PostgreSQL schema holding the iprs tables. Default `public`. */
  readonly schema?: string;
}

export interface ApplyGrantsResult {
  readonly schema: string;
  /** The roles this call created (NOLOGIN); empty when they all existed. */
  readonly createdRoles: readonly string[];
}

/** The role definitions this package ships (a copy of the repository's sql/roles/grants.sql). */
export const grantsSqlPath = new URL('../sql/roles/grants.sql', import.meta.url);

/**
 * Creates the iprs roles when missing (NOLOGIN) and (re-)applies their grants and default privileges on `schema`, in
 * one transaction: idempotent, and all or nothing. Needs a superuser, or a role with CREATEROLE that owns the schema
 * and is a member of iprs_migrator. Throws GrantsFailedError naming the schema when it cannot.
 */
export async function applyGrants(
  target: MigrationTarget,
  options: ApplyGrantsOptions = {},
): Promise<ApplyGrantsResult> {
  const schema = options.schema ?? 'public';
  const sql = readFileSync(grantsSqlPath, 'utf8');
  const client = await connectClient(target);
  try {
    const exists = await client.query('SELECT FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) throw new GrantsFailedError(schema, 'the schema does not exist');
    const roles = Object.values(iprsRoles);
    const before = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY ($1)', [
      roles,
    ]);
    const existing = new Set(before.rows.map((row) => row.rolname));
    await client.query(`SET search_path = ${pg.escapeIdentifier(schema)}`);
    try {
      await client.query(sql);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new GrantsFailedError(schema, error instanceof Error ? error.message : String(error), { cause: error });
    }
    return { schema, createdRoles: roles.filter((role) => !existing.has(role)) };
  } finally {
    await client.end();
  }
}
