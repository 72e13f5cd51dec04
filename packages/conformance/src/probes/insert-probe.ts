import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, judgedWhenAccepted, type Probe } from './probe.js';
import { rowKey } from './probe-row-key.js';
import { probeValueSql, type InsertedProbeRow, type ParentReference } from './probe-row-builder.js';
import type { ProbeValue } from './probe-values.js';

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
  // Compared as the column's type prints them, so 1.50 and 1.5 or two spellings of a timestamp are the same value.
  const expectations = <Given extends ProbeValue | ParentReference>(
    input: Readonly<Record<string, Given | null>>,
    value: (given: Given | null, type: string) => string,
  ) =>
    table.columns.flatMap((column): { name: string; expected: string }[] => {
      if (column.name in input) {
        const given = input[column.name] ?? null;
        return given !== null && 'sql' in given && !repeatable.test(given.sql)
          ? []
          : [{ name: column.name, expected: value(given, column.type) }];
      }
      if (column.generated || column.identity) return [];
      if (column.default === null) return [{ name: column.name, expected: 'NULL' }];
      return repeatable.test(column.default)
        ? [{ name: column.name, expected: `(${column.default})::${column.type}` }]
        : [];
    });
  const readBack = (key: string, expected: readonly { name: string; expected: string }[]) => {
    const comparisons = expected.map(
      ({ name, expected: value }) => `${q(name)}::text IS NOT DISTINCT FROM (${value})::text`,
    );
    return `SELECT to_jsonb(ARRAY[${['true', ...comparisons].join(', ')}]) AS same FROM ${q(table.name)} WHERE ${key}`;
  };
  const judge = (expected: readonly { name: string }[], same: unknown) => {
    if (!Array.isArray(same)) return fail('was accepted but cannot be read back');
    const changed = expected.filter((_, index) => same[index + 1] !== true).map(({ name }) => name);
    return changed.length === 0 ? [] : fail(`reads back with other values in ${changed.join(', ')}`);
  };
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
      const expected = expectations(inserted.input, probeValueSql);
      const result = await session.query<{ same: unknown }>(readBack(rowKey(table, inserted.row), expected));
      return judge(expected, result.rows[0]?.same);
    },
    batch: (rows) => {
      let expected: { name: string; expected: string }[] = [];
      const planned = rows.planThen(table.name, {}, ({ input, key, value }) => {
        expected = expectations(input, value);
        return [readBack(key(), expected)];
      });
      return judgedWhenAccepted(planned, ({ values: [same] }) => judge(expected, same));
    },
  };
}
