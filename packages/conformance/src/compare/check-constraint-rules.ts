import type { CheckConstraintSnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { sameMeaning } from './expression-meaning.js';
import { differingProperties, type PropertyDifference } from './property-difference.js';
import { addConstraintSql, dropConstraintSql, replaceConstraintSql, validateConstraintSql } from './sql-fixes.js';

export function checkConstraintRules(table: string): NamedObjectRules<CheckConstraintSnapshot> {
  return {
    objectType: 'check constraint',
    table,
    key: (check) => check.name,
    label: (check) => check.name,
    namedPerTable: true,
    differences: (expected, actual) => {
      const values = allowedValuesDifference(expected, actual);
      // A changed value list also changes the expression; report the values, which say what changed. Two enumerations
      // with the same value set mean the same however they are written (IN, = ANY, an array literal, an OR-chain).
      const bothEnumerations = expected.allowedValues !== null && actual.allowedValues !== null;
      const expression =
        values || bothEnumerations || sameMeaning(expected.expression, actual.expression)
          ? []
          : differingProperties(expected, actual, ['expression']);
      return [
        ...(values ? [values] : []),
        ...expression,
        ...differingProperties(expected, actual, ['validated', 'enforced', 'noInherit']),
      ];
    },
    fixMissing: (check) => addConstraintSql(table, check.name, check.definition),
    fixDifferent: (expected, actual, differences) =>
      differences.every((difference) => difference.property === 'validated')
        ? validateConstraintSql(table, actual.name)
        : replaceConstraintSql(table, actual.name, expected.name, expected.definition),
    fixUnexpected: (check) => dropConstraintSql(table, check.name),
    summary: (check) => check.definition,
  };
}

function allowedValuesDifference(
  expected: CheckConstraintSnapshot,
  actual: CheckConstraintSnapshot,
): PropertyDifference | null {
  const want = expected.allowedValues;
  const have = actual.allowedValues;
  if (!want && !have) return null;
  const explanation = [];
  if (want && have && want.column === have.column) {
    // A value set: order and repetition do not change what the CHECK admits.
    const added = have.values.filter((value) => !want.values.includes(value));
    const removed = want.values.filter((value) => !have.values.includes(value));
    if (added.length > 0) explanation.push(`allows ${quoteAll([...new Set(added)])}, which the release does not`);
    if (removed.length > 0) explanation.push(`no longer allows ${quoteAll(removed)}`);
    if (want.allowsNull !== have.allowsNull)
      explanation.push(want.allowsNull ? 'no longer allows NULL' : 'allows NULL');
    if (explanation.length === 0) return null;
  } else {
    explanation.push(have ? `now restricts ${have.column}` : 'is no longer a list of allowed values');
  }
  return {
    property: 'allowedValues',
    expected: want ? { column: want.column, values: want.values, allowsNull: want.allowsNull } : null,
    actual: have ? { column: have.column, values: have.values, allowsNull: have.allowsNull } : null,
    explanation: explanation.join('; '),
  };
}

function quoteAll(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
