import type { KeyConstraintSnapshot } from '@iprs/schema';
import type { ObjectType } from '../report/finding.js';
import type { NamedObjectRules } from './compare-named.js';
import { differingProperties } from './property-difference.js';
import { addConstraintSql, dropConstraintSql, replaceConstraintSql, validateConstraintSql } from './sql-fixes.js';

/**
 * Primary keys, unique keys and exclusion constraints. A table has at most one primary key, so primary keys are matched
 * by table (a renamed primary key is `different`, property `name`); the others by name.
 */
export function keyConstraintRules(
  table: string,
  objectType: Extract<ObjectType, 'primary key' | 'unique key' | 'exclusion constraint'>,
): NamedObjectRules<KeyConstraintSnapshot> {
  const matchedByTable = objectType === 'primary key';
  return {
    objectType,
    table,
    key: (constraint) => (matchedByTable ? 'primary key' : constraint.name),
    label: (constraint) => constraint.name,
    differences: (expected, actual) => {
      const differences = differingProperties(expected, actual, [
        ...(matchedByTable ? (['name'] as const) : []),
        'columns',
        'deferrable',
        'initiallyDeferred',
        'validated',
        'enforced',
      ]);
      const other = differences.filter((difference) => difference.property !== 'name');
      return other.length > 0 || expected.definition === actual.definition
        ? differences
        : [...differences, ...differingProperties(expected, actual, ['definition'])];
    },
    fixMissing: (constraint) => addConstraintSql(table, constraint.name, constraint.definition),
    fixDifferent: (expected, actual, differences) =>
      differences.every((difference) => difference.property === 'validated')
        ? validateConstraintSql(table, actual.name)
        : replaceConstraintSql(table, actual.name, expected.name, expected.definition),
    fixUnexpected: (constraint) => dropConstraintSql(table, constraint.name),
    summary: (constraint) => constraint.definition,
  };
}
