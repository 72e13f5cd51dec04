import type { IndexKeySnapshot, IndexSnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { sameMeaning } from './expression-meaning.js';
import { differingProperties, type PropertyDifference } from './property-difference.js';
import { quoteIdentifier as q } from './quote-identifier.js';

export function indexRules(table: string): NamedObjectRules<IndexSnapshot> {
  return {
    objectType: 'index',
    table,
    key: (index) => index.name,
    label: (index) => index.name,
    differences: (expected, actual) => {
      const keys: PropertyDifference[] =
        describeKeys(expected.keys) === describeKeys(actual.keys)
          ? []
          : [{ property: 'keys', expected: describeKeys(expected.keys), actual: describeKeys(actual.keys) }];
      const differences = [
        ...differingProperties(expected, actual, ['unique', 'nullsNotDistinct', 'method']),
        ...keys,
        ...differingProperties(expected, actual, ['include', 'predicate', 'valid']).filter(
          (difference) => difference.property !== 'predicate' || !sameMeaning(expected.predicate, actual.predicate),
        ),
      ];
      // Anything the structured properties do not capture, e.g. a key's collation; the predicate is compared above.
      return differences.length > 0 || withoutPredicate(expected) === withoutPredicate(actual)
        ? differences
        : [{ property: 'definition', expected: expected.definition, actual: actual.definition }];
    },
    fixMissing: (index) => `${index.definition};`,
    fixDifferent: (expected, _actual, differences) =>
      differences.every((difference) => difference.property === 'valid')
        ? `REINDEX INDEX ${q(expected.name)};`
        : `DROP INDEX ${q(expected.name)};\n${expected.definition};`,
    fixUnexpected: (index) => `DROP INDEX ${q(index.name)};`,
    summary: (index) => index.definition,
  };
}

function withoutPredicate(index: IndexSnapshot): string {
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  return where && index.definition.endsWith(where) ? index.definition.slice(0, -where.length) : index.definition;
}

/** `(portfolio_node_id, as_of_date DESC)`: the key list as written in CREATE INDEX. */
function describeKeys(keys: readonly IndexKeySnapshot[]): string {
  const described = keys.map((key) => {
    const parts = [key.expression];
    if (key.operatorClass) parts.push(key.operatorClass);
    if (key.descending) parts.push('DESC');
    // btree's defaults are NULLS LAST for ASC and NULLS FIRST for DESC; only the other choice is written.
    if (key.nullsFirst !== key.descending) parts.push(key.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST');
    return parts.join(' ');
  });
  return `(${described.join(', ')})`;
}
