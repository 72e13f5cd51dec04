import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { readProbeRow, rowKey } from './probe-row-key.js';

/** A DELETE of an unreferenced row removes exactly that row: a rule, policy or trigger that keeps or redirects it fails. */
export function deleteProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  const expected = 'the row deleted';
  return {
    ...probe,
    id: `probes/delete/${table.name}`,
    title: `a row of ${table.name} can be deleted`,
    run: async ({ session, rows }) => {
      const row = await rows.insert(table.name);
      const key = rowKey(table, row);
      const fail = (actual: string) => [
        behaviourFinding(probe, expected, actual, `DELETE on ${table.name}: ${actual}`),
      ];
      let deleted: number | null;
      try {
        deleted = (await session.query(`DELETE FROM ${q(table.name)} WHERE ${key}`)).rowCount;
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`rejected: ${describeRejection(error)}`);
      }
      if (deleted !== 1) return fail(`${deleted ?? 0} rows deleted instead of 1`);
      return (await readProbeRow(session, table, key)) ? fail('the row is still there after the DELETE') : [];
    },
  };
}
