import type { ForeignKeySnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { differingProperties } from './property-difference.js';
import { addConstraintSql, dropConstraintSql, replaceConstraintSql, validateConstraintSql } from './sql-fixes.js';

export function foreignKeyRules(table: string): NamedObjectRules<ForeignKeySnapshot> {
  return {
    objectType: 'foreign key',
    table,
    key: (foreignKey) => foreignKey.name,
    label: (foreignKey) => foreignKey.name,
    namedPerTable: true,
    differences: (expected, actual) => {
      const differences = differingProperties(expected, actual, [
        'columns',
        'referencedSchema',
        'referencedTable',
        'referencedColumns',
        'onDelete',
        'onUpdate',
        'match',
        'deferrable',
        'initiallyDeferred',
        'validated',
        'enforced',
      ]);
      // Anything the structured properties do not capture, e.g. PostgreSQL 15's ON DELETE SET NULL (column list).
      return differences.length > 0 ? differences : differingProperties(expected, actual, ['definition']);
    },
    fixMissing: (foreignKey) => addConstraintSql(table, foreignKey.name, foreignKey.definition),
    fixDifferent: (expected, actual, differences) =>
      differences.every((difference) => difference.property === 'validated')
        ? validateConstraintSql(table, actual.name)
        : replaceConstraintSql(table, actual.name, expected.name, expected.definition),
    fixUnexpected: (foreignKey) => dropConstraintSql(table, foreignKey.name),
    summary: (foreignKey) => foreignKey.definition,
  };
}
