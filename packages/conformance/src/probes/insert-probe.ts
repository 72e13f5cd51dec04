import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { rowKey } from './probe-row-key.js';
import type { InsertedProbeRow } from './probe-row-builder.js';

/**
 * A row built from the manifest's columns, defaults and checks is accepted (with any parents it needs) and reads back
 * with the values it was given: a rule, policy or trigger that drops, redirects or rewrites the INSERT fails it.
 */
export function insertProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  const fail = (actual: string) => [behaviourFinding(probe, 'row accepted', actual, `a valid row for ${table.name} ${actual}`)];
  return {
    ...probe,
    id: `probes/insert/${table.name}`,
    title: `a valid row can be inserted into ${table.name}`,
    run: async ({ client, rows }) => {
      let inserted: InsertedProbeRow;
      try {
        inserted = await rows.insertWithInput(table.name);
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`was rejected: ${describeRejection(error)}`);
      }
      const key = rowKey(table, inserted.row);
      const given = Object.entries(inserted.input);
      // Compared as the column's type prints them, so 1.50 and 1.5 or two spellings of a timestamp are the same value.
      const comparisons = given.map(([name, value], index) => {
        const type = table.columns.find((column) => column.name === name)?.type ?? 'text';
        const parameter = `$${key.values.length + index + 1}`;
        return `${q(name)}::text IS NOT DISTINCT FROM (${parameter}::${type})::text`;
      });
      const result = await client.query<{ same: boolean[] }>(
        `SELECT ARRAY[${['true', ...comparisons].join(', ')}] AS same FROM ${q(table.name)} WHERE ${key.condition}`,
        [...key.values, ...given.map(([, value]) => value)],
      );
      const same = result.rows[0]?.same;
      if (!same) return fail('was accepted but cannot be read back');
      const changed = given.filter((_, index) => !same[index + 1]).map(([name]) => name);
      return changed.length === 0 ? [] : fail(`reads back with other values in ${changed.join(', ')}`);
    },
  };
}
