import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, judgedWhenAccepted, type Probe } from './probe.js';
import { countingStatement, probeRowStatement, readProbeRow, rowKey } from './probe-row-key.js';

/** A DELETE of an unreferenced row removes exactly that row: a rule, policy or trigger that keeps or redirects it fails. */
export function deleteProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  const expected = 'the row deleted';
  const fail = (actual: string) => [behaviourFinding(probe, expected, actual, `DELETE on ${table.name}: ${actual}`)];
  const remove = (key: string) => `DELETE FROM ${q(table.name)} WHERE ${key}`;
  const judge = (deleted: number | null, after: unknown) => {
    if (deleted !== 1) return fail(`${deleted ?? 0} rows deleted instead of 1`);
    return after ? fail('the row is still there after the DELETE') : [];
  };
  return {
    ...probe,
    id: `probes/delete/${table.name}`,
    title: `a row of ${table.name} can be deleted`,
    run: async ({ session, rows }) => {
      const row = await rows.insert(table.name);
      const key = rowKey(table, row);
      let deleted: number | null;
      try {
        deleted = (await session.query(remove(key))).rowCount;
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`rejected: ${describeRejection(error)}`);
      }
      return judge(deleted, await readProbeRow(session, table, key));
    },
    batch: (rows) =>
      judgedWhenAccepted(
        rows.planThen(table.name, {}, ({ key }) => [countingStatement(remove(key())), probeRowStatement(table, key())]),
        ({ values: [deleted, after] }) => judge(Number(deleted), after),
      ),
  };
}
