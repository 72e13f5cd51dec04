import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { rowKey } from './probe-row-key.js';
import type { InsertedProbeRow } from './probe-row-builder.js';
import { typedLiteral } from './typed-literal.js';

// An expression that calls no function but now() gives the same value when evaluated again in the same transaction.
const repeatable = /^(?:[^(]|now\(\))*$/;

/**
 * A row built from the manifest's columns, defaults and checks is accepted (with any parents it needs) and reads back
 * with the values it was given, NULL where it gave none, and the default where that is repeatable (a constant or
 * now()): a rule, policy or trigger that drops, redirects or rewrites the INSERT fails it.
 */
export function insertProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  const fail = (actual: string) => [
    behaviourFinding(probe, 'row accepted', actual, `a valid row for ${table.name} ${actual}`),
  ];
  return {
    ...probe,
    id: `probes/insert/${table.name}`,
    title: `a valid row can be inserted into ${table.name}`,
    run: async ({ session, rows }) => {
      let inserted: InsertedProbeRow;
      try {
        inserted = await rows.insertWithInput(table.name);
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`was rejected: ${describeRejection(error)}`);
      }
      const key = rowKey(table, inserted.row);
      // Compared as the column's type prints them, so 1.50 and 1.5 or two spellings of a timestamp are the same value.
      const expectations = table.columns.flatMap((column): { name: string; expected: string }[] => {
        const type = column.type;
        if (column.name in inserted.input) {
          const value = inserted.input[column.name] ?? null;
          if (value === null) return [{ name: column.name, expected: 'NULL' }];
          if ('sql' in value) {
            return repeatable.test(value.sql) ? [{ name: column.name, expected: `(${value.sql})::${type}` }] : [];
          }
          return [{ name: column.name, expected: typedLiteral(value.text, type) }];
        }
        if (column.generated || column.identity) return [];
        if (column.default === null) return [{ name: column.name, expected: 'NULL' }];
        return repeatable.test(column.default) ? [{ name: column.name, expected: `(${column.default})::${type}` }] : [];
      });
      const comparisons = expectations.map(
        ({ name, expected }) => `${q(name)}::text IS NOT DISTINCT FROM (${expected})::text`,
      );
      const result = await session.query<{ same: boolean[] }>(
        `SELECT ARRAY[${['true', ...comparisons].join(', ')}] AS same FROM ${q(table.name)} WHERE ${key}`,
      );
      const same = result.rows[0]?.same;
      if (!same) return fail('was accepted but cannot be read back');
      const changed = expectations.filter((_, index) => !same[index + 1]).map(({ name }) => name);
      return changed.length === 0 ? [] : fail(`reads back with other values in ${changed.join(', ')}`);
    },
  };
}
