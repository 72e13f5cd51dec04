import type { ColumnSnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { sameMeaning } from './expression-meaning.js';
import { differingProperties, type PropertyDifference } from './property-difference.js';
import { quoteIdentifier as q } from './quote-identifier.js';
import { addColumnSql, columnDefinition } from './sql-fixes.js';

export function columnRules(table: string): NamedObjectRules<ColumnSnapshot> {
  return {
    objectType: 'column',
    table,
    key: (column) => column.name,
    label: (column) => `${table}.${column.name}`,
    differences: (expected, actual) =>
      differingProperties(expected, actual, ['type', 'notNull', 'default', 'identity', 'generated', 'collation'])
        .filter((difference) => difference.property !== 'default' || !sameMeaning(expected.default, actual.default))
        .map(explainLostNotNull),
    fixMissing: (column) => addColumnSql(table, column),
    fixDifferent: (expected, _actual, differences) => alterColumnSql(table, expected, differences),
    fixUnexpected: (column) => `ALTER TABLE ${q(table)} DROP COLUMN ${q(column.name)};`,
    summary: columnDefinition,
  };
}

/** PostgreSQL 18 can hold a NOT NULL constraint that is NOT VALID; the catalog reads it as nullable, so say why. */
function explainLostNotNull(difference: PropertyDifference): PropertyDifference {
  if (difference.property !== 'notNull' || difference.expected !== true) return difference;
  return {
    ...difference,
    explanation: 'expected NOT NULL, actual nullable: no NOT NULL constraint, or one left NOT VALID',
  };
}

function alterColumnSql(
  table: string,
  column: ColumnSnapshot,
  differences: readonly PropertyDifference[],
): string | null {
  const alter = `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column.name)}`;
  const statements = differences.flatMap(({ property }) => {
    switch (property) {
      case 'type':
      case 'collation': {
        const collate = column.collation ? ` COLLATE ${q(column.collation)}` : '';
        return [`${alter} TYPE ${column.type}${collate} USING ${q(column.name)}::${column.type};`];
      }
      case 'notNull':
        return [`${alter} ${column.notNull ? 'SET' : 'DROP'} NOT NULL;`];
      case 'default':
        return column.generated
          ? []
          : [column.default === null ? `${alter} DROP DEFAULT;` : `${alter} SET DEFAULT ${column.default};`];
      default:
        return [];
    }
  });
  return statements.length > 0 ? [...new Set(statements)].join('\n') : null;
}
