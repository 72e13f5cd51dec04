import type { SchemaManifest } from '../manifest/schema-manifest.js';
import type { IndexSnapshot, TableSnapshot } from '../manifest/schema-snapshot.js';
import { cell, code, table } from './markdown.js';

/** One table's page: its comment, columns (type, nullability, default, allowed values, comment), keys, foreign keys with ON DELETE, checks, indexes and triggers. */
export function renderTableDoc(manifest: SchemaManifest, snapshot: TableSnapshot, header: string): string {
  const lines = [header, `# ${snapshot.name}`, ''];
  if (snapshot.comment) lines.push(snapshot.comment, '');
  lines.push(`Schema release ${manifest.release} · [all tables](README.md)`, '', '## Columns', '');
  const enumerations = new Map(
    snapshot.checks.flatMap((check) =>
      check.allowedValues ? [[check.allowedValues.column, check.allowedValues.values] as const] : [],
    ),
  );
  lines.push(
    ...table(
      ['column', 'type', 'null', 'default', 'values', 'description'],
      snapshot.columns.map((column) => [
        columnLabel(snapshot, column.name),
        cell(column.type),
        column.notNull ? 'NOT NULL' : 'null',
        column.default === null ? '' : code(column.default),
        (enumerations.get(column.name) ?? []).map(code).join(', '),
        cell(column.comment ?? ''),
      ]),
    ),
  );

  const keys = [
    ...(snapshot.primaryKey ? [['primary key', snapshot.primaryKey.name, snapshot.primaryKey.columns] as const] : []),
    ...snapshot.uniqueKeys.map((key) => ['unique', key.name, key.columns] as const),
    ...snapshot.exclusionConstraints.map((key) => ['exclusion', key.name, key.columns] as const),
  ];
  lines.push(
    '',
    '## Keys',
    '',
    ...table(
      ['kind', 'constraint', 'columns'],
      keys.map(([kind, name, columns]) => [kind, code(name), columns.map(code).join(', ')]),
    ),
  );

  if (snapshot.foreignKeys.length > 0) {
    lines.push(
      '',
      '## Foreign keys',
      '',
      ...table(
        ['constraint', 'columns', 'references', 'ON DELETE', 'ON UPDATE'],
        snapshot.foreignKeys.map((foreignKey) => [
          code(foreignKey.name),
          foreignKey.columns.map(code).join(', '),
          `[${foreignKey.referencedTable}](${foreignKey.referencedTable}.md) (${foreignKey.referencedColumns.map(code).join(', ')})`,
          foreignKey.onDelete,
          foreignKey.onUpdate,
        ]),
      ),
    );
  }

  if (snapshot.checks.length > 0) {
    lines.push(
      '',
      '## Checks',
      '',
      ...table(
        ['constraint', 'expression'],
        snapshot.checks.map((check) => [code(check.name), code(check.expression)]),
      ),
    );
  }

  if (snapshot.indexes.length > 0) {
    lines.push(
      '',
      '## Indexes',
      '',
      ...table(
        ['index', 'method', 'keys', 'include', 'where'],
        snapshot.indexes.map((index) => indexRow(index)),
      ),
    );
  }

  if (snapshot.triggers.length > 0) {
    lines.push(
      '',
      '## Triggers',
      '',
      ...table(
        ['trigger', 'fires', 'function'],
        snapshot.triggers.map((trigger) => [
          code(trigger.name),
          `${trigger.timing} ${trigger.events.join(' OR ')} FOR EACH ${trigger.level}`,
          code(`${trigger.function}()`),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The column's name, marked PK, and for a foreign key column the table it references. */
function columnLabel(snapshot: TableSnapshot, column: string): string {
  const primaryKey = snapshot.primaryKey?.columns.includes(column) ? ' (PK)' : '';
  const references = snapshot.foreignKeys
    .filter((foreignKey) => foreignKey.columns.includes(column))
    .map((foreignKey) => ` → [${foreignKey.referencedTable}](${foreignKey.referencedTable}.md)`)
    .join('');
  return `${code(column)}${primaryKey}${references}`;
}

function indexRow(index: IndexSnapshot): string[] {
  const keys = index.keys.map(
    (key) => `${key.expression}${key.descending ? ' DESC' : ''}${key.operatorClass ? ` ${key.operatorClass}` : ''}`,
  );
  return [
    `${code(index.name)}${index.unique ? ' (unique)' : ''}`,
    index.method,
    keys.map(code).join(', '),
    index.include.map(code).join(', '),
    index.predicate === null ? '' : code(index.predicate),
  ];
}
