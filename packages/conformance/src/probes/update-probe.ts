import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, judgedWhenAccepted, type Probe } from './probe.js';
import { countingStatement, probeRowStatement, readProbeRow, rowKey } from './probe-row-key.js';
import type { ProbeRow } from './probe-row-builder.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { isUpdatedAtTrigger } from './updated-at-probe.js';

/**
 * An UPDATE that sets a column to its own value changes exactly the probe row and no value in it, except updated_at,
 * which by the spec's convention records the last UPDATE (so an extra set_updated_at() trigger is no behaviour change).
 * A rewrite rule, a policy or a trigger that redirects, drops, rejects or rewrites the UPDATE fails it.
 */
export function updateProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  const expected = 'the row updated, its values unchanged';
  const fail = (actual: string) => [behaviourFinding(probe, expected, actual, `UPDATE on ${table.name}: ${actual}`)];
  /** The UPDATE statement for a key, or ProbeSetupError when the table has no column to set. */
  const updateStatement = () => {
    const keyColumns = table.primaryKey?.columns ?? [];
    const writable = table.columns.filter((column) => !column.generated && column.identity !== 'always');
    const column = writable.find((candidate) => !keyColumns.includes(candidate.name)) ?? writable[0];
    if (!column) throw new ProbeSetupError(`${table.name} has no column an UPDATE may set`);
    return (key: string) => `UPDATE ${q(table.name)} SET ${q(column.name)} = ${q(column.name)} WHERE ${key}`;
  };
  const judge = (row: ProbeRow, updated: number | null, after: ProbeRow | null) => {
    if (updated !== 1) return fail(`${updated ?? 0} rows updated instead of 1`);
    if (!after) return fail('the row is gone after the UPDATE');
    const maintained = maintainedColumns(table);
    if (maintained === null) return [];
    const changed = Object.keys(row).filter((name) => !maintained.has(name) && row[name] !== after[name]);
    return changed.length === 0 ? [] : fail(`the UPDATE changed ${changed.join(', ')}`);
  };
  return {
    ...probe,
    id: `probes/update/${table.name}`,
    title: `a row of ${table.name} can be updated`,
    run: async ({ session, rows }) => {
      const update = updateStatement();
      const row = await rows.insert(table.name);
      const key = rowKey(table, row);
      let updated: number | null;
      try {
        updated = (await session.query(update(key))).rowCount;
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`rejected: ${describeRejection(error)}`);
      }
      return judge(row, updated, await readProbeRow(session, table, key));
    },
    batch: (rows) => {
      const update = updateStatement();
      return judgedWhenAccepted(
        rows.planThen(
          table.name,
          {},
          ({ key }) => [countingStatement(update(key())), probeRowStatement(table, key())],
          { wholeRow: true },
        ),
        ({ inserted, values: [updated, after] }) =>
          judge(inserted.row, Number(updated), (after ?? null) as ProbeRow | null),
      );
    },
  };
}

/** Columns an UPDATE may move; null when a release trigger does something the probe cannot predict. */
function maintainedColumns(table: TableSnapshot): Set<string> | null {
  const maintained = new Set<string>(['updated_at']);
  for (const trigger of table.triggers) {
    if (trigger.timing !== 'BEFORE' || trigger.level !== 'ROW' || !trigger.events.includes('UPDATE')) continue;
    if (!isUpdatedAtTrigger(table, trigger)) return null;
  }
  return maintained;
}
