import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';

/**
 * The iprs tables an ingestion wrote, named as lineage consumers need them: qualified by the schema the session works
 * in (`createPool({ schema })`, `--schema`), not a fixed `public`.
 */
export const qualifiedTables = async (connection: DatabaseConnection, tables: readonly string[]): Promise<string[]> => {
  if (tables.length === 0) return [];
  const schema = await connection.oneFirst(
    sql.type(z.object({ schema: z.string() }))`SELECT current_schema() AS schema`,
  );
  return tables.map((table) => `${schema}.${table}`);
};
