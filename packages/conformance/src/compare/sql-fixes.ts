import type { ColumnSnapshot, TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from './quote-identifier.js';

/** The column as it would be written in CREATE TABLE / ADD COLUMN. */
export function columnDefinition(column: ColumnSnapshot): string {
  const parts = [q(column.name), column.type];
  if (column.collation) parts.push(`COLLATE ${q(column.collation)}`);
  if (column.identity) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
  else if (column.generated && column.default)
    parts.push(`GENERATED ALWAYS AS (${column.default}) ${column.generated.toUpperCase()}`);
  else if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (column.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

export function addColumnSql(table: string, column: ColumnSnapshot): string {
  return `ALTER TABLE ${q(table)} ADD COLUMN ${columnDefinition(column)};`;
}

export function addConstraintSql(table: string, name: string, definition: string): string {
  return `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(name)} ${definition};`;
}

/** Drop and re-add in one statement, so the table is never without the constraint in between. */
export function replaceConstraintSql(table: string, actualName: string, name: string, definition: string): string {
  return `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(actualName)}, ADD CONSTRAINT ${q(name)} ${definition};`;
}

export function validateConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${q(name)};`;
}

export function dropConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)};`;
}

/** The complete table of a release: CREATE TABLE with its columns and constraints, then indexes and triggers. */
export function createTableSql(table: TableSnapshot): string {
  const lines = table.columns.map(columnDefinition);
  for (const constraint of [
    ...(table.primaryKey ? [table.primaryKey] : []),
    ...table.uniqueKeys,
    ...table.checks,
    ...table.exclusionConstraints,
  ]) {
    lines.push(`CONSTRAINT ${q(constraint.name)} ${constraint.definition}`);
  }
  const partitioned = table.partitioned ? ' PARTITION BY … (see the migration)' : '';
  const statements = [
    `CREATE ${table.unlogged ? 'UNLOGGED ' : ''}TABLE ${q(table.name)} (\n  ${lines.join(',\n  ')}\n)${partitioned};`,
    ...table.foreignKeys.map((foreignKey) => addConstraintSql(table.name, foreignKey.name, foreignKey.definition)),
    ...table.indexes.map((index) => `${index.definition};`),
    ...table.triggers.map((trigger) => `${trigger.definition};`),
  ];
  if (table.rowLevelSecurity) statements.push(`ALTER TABLE ${q(table.name)} ENABLE ROW LEVEL SECURITY;`);
  return statements.join('\n');
}
