import type { ColumnFamily } from '../types/column-types.js';
import type { CatalogTables } from './catalog-tables.js';
import { rowSchemaColumns, type ContractTableColumns } from './row-schema-columns.js';

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

/** format_type()'s spelling of each family's type (the catalog model's), without type modifiers. */
const catalogSpellings: Readonly<Record<ColumnFamily, string>> = {
  text: 'text',
  numeric: 'numeric',
  timestamptz: 'timestamp with time zone',
  date: 'date',
  jsonb: 'jsonb',
  int8: 'bigint',
  bool: 'boolean',
  _text: 'text[]',
};

/** `numeric(28,10)` → `numeric`, `timestamp(3) with time zone` → `timestamp with time zone`. */
const withoutModifiers = (type: string): string => type.replace(/\(\d+(?:,\s*\d+)?\)/g, '');

/**
 * The contract check on row schemas already described (`rowSchemaColumns`, the SDK's own, by default): the same
 * comparison and result as `checkRowSchemasAgainstCatalog`, without loading zod or the row schemas.
 */
export const checkColumnsAgainstCatalog = (
  catalog: CatalogTables,
  contracts: readonly ContractTableColumns[] = rowSchemaColumns,
): ContractCheckResult => {
  const tables = new Map(catalog.tables.map((table) => [table.name, table]));
  const problems: ContractProblem[] = [];
  let columnsChecked = 0;
  for (const { table, columns: described } of contracts) {
    const found = tables.get(table);
    if (!found) {
      problems.push({
        table,
        column: null,
        kind: 'missing_table',
        expected: 'table',
        actual: 'absent',
        message: `table ${table} does not exist (are the migrations applied?)`,
      });
      continue;
    }
    for (const column of described) {
      columnsChecked += 1;
      const expectedType = column.family === null ? null : catalogSpellings[column.family];
      const actual = found.columns.find((candidate) => candidate.name === column.name);
      if (!actual) {
        problems.push({
          table,
          column: column.name,
          kind: 'missing_column',
          expected: expectedType ?? 'column',
          actual: 'absent',
          message: `${table}.${column.name} is in the SDK row schema but not in the database`,
        });
        continue;
      }
      if (expectedType !== withoutModifiers(actual.type)) {
        const declaredType = expectedType ?? 'undeclared';
        problems.push({
          table,
          column: column.name,
          kind: 'type_family',
          expected: expectedType ?? '(field not declared with a column type)',
          actual: actual.type,
          message: `${table}.${column.name} is ${actual.type} in the database but ${declaredType} in the SDK`,
        });
      }
      const actualNullable = !actual.notNull;
      if (column.nullable !== actualNullable) {
        const says = (nullable: boolean) => (nullable ? 'NULL allowed' : 'NOT NULL');
        const [database, sdk] = [says(actualNullable), says(column.nullable)];
        problems.push({
          table,
          column: column.name,
          kind: 'nullability',
          expected: sdk,
          actual: database,
          message: `${table}.${column.name} is ${database} in the database but ${sdk} in the SDK`,
        });
      }
    }
    const declared = new Set(described.map((column) => column.name));
    for (const { name, type } of found.columns) {
      if (declared.has(name)) continue;
      problems.push({
        table,
        column: name,
        kind: 'extra_column',
        expected: 'absent',
        actual: type,
        message: `${table}.${name} exists in the database but the SDK row schema does not read it`,
      });
    }
  }
  return { ok: problems.length === 0, tablesChecked: contracts.length, columnsChecked, problems };
};
