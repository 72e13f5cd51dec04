import { sql } from 'slonik';
import { z } from 'zod';
import { createPoolWithoutReleaseCheck } from '../connection/create-pool.js';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { tableContracts, type TableContract } from '../schemas/table-contracts.js';
import { describeRowSchema } from './describe-row-schema.js';

export type ContractProblemKind = 'missing_table' | 'missing_column' | 'extra_column' | 'nullability' | 'type_family';

export interface ContractProblem {
  readonly table: string;
  /** null for a missing table. */
  readonly column: string | null;
  readonly kind: ContractProblemKind;
  /** What the SDK's row schema says. */
  readonly expected: string;
  /** What the live catalog says. */
  readonly actual: string;
  readonly message: string;
}

export interface ContractCheckResult {
  readonly ok: boolean;
  readonly tablesChecked: number;
  readonly columnsChecked: number;
  readonly problems: readonly ContractProblem[];
}

export interface ContractCheckOptions {
  /** PostgreSQL schema holding the tables. Default `public`. */
  readonly schema?: string;
  /** Contracts to check. Default: every table of releases 001 and 002. */
  readonly contracts?: readonly TableContract[];
}

const catalogColumnSchema = z.object({
  table_name: z.string(),
  column_name: z.string(),
  nullable: z.boolean(),
  type_name: z.string(),
});

const compare = async (
  connection: DatabaseConnection,
  schema: string,
  contracts: readonly TableContract[],
): Promise<ContractCheckResult> => {
  const catalog = await connection.any(sql.type(catalogColumnSchema)`
    SELECT c.relname AS table_name, a.attname AS column_name, NOT a.attnotnull AS nullable, t.typname AS type_name
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname = ANY(${sql.array(contracts.map((contract) => contract.table), 'text')})
  `);
  const problems: ContractProblem[] = [];
  let columnsChecked = 0;
  for (const { table, rowSchema } of contracts) {
    const live = new Map(catalog.filter((row) => row.table_name === table).map((row) => [row.column_name, row]));
    if (live.size === 0) {
      problems.push({
        table,
        column: null,
        kind: 'missing_table',
        expected: 'table',
        actual: 'absent',
        message: `table ${schema}.${table} does not exist (are the migrations applied?)`,
      });
      continue;
    }
    const described = describeRowSchema(rowSchema);
    for (const column of described) {
      columnsChecked += 1;
      const actual = live.get(column.name);
      if (!actual) {
        problems.push({
          table,
          column: column.name,
          kind: 'missing_column',
          expected: column.family ?? 'column',
          actual: 'absent',
          message: `${table}.${column.name} is in the SDK row schema but not in the database`,
        });
        continue;
      }
      if (column.family !== actual.type_name) {
        problems.push({
          table,
          column: column.name,
          kind: 'type_family',
          expected: column.family ?? '(field not declared with a column type)',
          actual: actual.type_name,
          message: `${table}.${column.name} is ${actual.type_name} in the database but ${column.family ?? 'undeclared'} in the SDK`,
        });
      }
      if (column.nullable !== actual.nullable) {
        const says = (nullable: boolean) => (nullable ? 'NULL allowed' : 'NOT NULL');
        problems.push({
          table,
          column: column.name,
          kind: 'nullability',
          expected: says(column.nullable),
          actual: says(actual.nullable),
          message: `${table}.${column.name} is ${says(actual.nullable)} in the database but ${says(column.nullable)} in the SDK`,
        });
      }
    }
    const declared = new Set(described.map((column) => column.name));
    for (const [name, column] of live) {
      if (declared.has(name)) continue;
      problems.push({
        table,
        column: name,
        kind: 'extra_column',
        expected: 'absent',
        actual: column.type_name,
        message: `${table}.${name} exists in the database but the SDK row schema does not read it`,
      });
    }
  }
  return { ok: problems.length === 0, tablesChecked: contracts.length, columnsChecked, problems };
};

/**
 * The SDK/SQL contract test: every zod row schema against the live catalog — column names, nullability and type family
 * (pg_type.typname). `target` is a connection string (a one-connection pool is opened and closed) or an open connection.
 * Never throws for drift: read `ok` and `problems`. Throws ConnectionError when the database cannot be reached.
 */
export const checkRowSchemasAgainstCatalog = async (
  target: string | DatabaseConnection,
  options: ContractCheckOptions = {},
): Promise<ContractCheckResult> => {
  const schema = options.schema ?? 'public';
  const contracts = options.contracts ?? tableContracts;
  if (typeof target !== 'string') return compare(target, schema, contracts);
  // A catalog comparison, also of databases at older releases or without the ledger (iprs verify runs it on any).
  const pool = await createPoolWithoutReleaseCheck({ connectionString: target, maxPoolSize: 1 });
  try {
    return await compare(pool, schema, contracts);
  } finally {
    await pool.close();
  }
};
