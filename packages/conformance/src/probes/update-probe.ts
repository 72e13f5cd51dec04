import type { TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { readProbeRow, rowKey } from './probe-row-key.js';
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
  return {
    ...probe,
    id: `probes/update/${table.name}`,
    title: `a row of ${table.name} can be updated`,
    run: async ({ session, rows }) => {
      const keyColumns = table.primaryKey?.columns ?? [];
      const writable = table.columns.filter((column) => !column.generated && column.identity !== 'always');
      const column = writable.find((candidate) => !keyColumns.includes(candidate.name)) ?? writable[0];
      if (!column) throw new ProbeSetupError(`${table.name} has no column an UPDATE may set`);
      const row = await rows.insert(table.name);
      const key = rowKey(table, row);
      const fail = (actual: string) => [
        behaviourFinding(probe, expected, actual, `UPDATE on ${table.name}: ${actual}`),
      ];
      let updated: number | null;
      try {
        const set = `${q(column.name)} = ${q(column.name)}`;
        const result = await session.query(`UPDATE ${q(table.name)} SET ${set} WHERE ${key}`);
        updated = result.rowCount;
      } catch (error) {
        rethrowUnlessRejection(error);
        return fail(`rejected: ${describeRejection(error)}`);
      }
      if (updated !== 1) return fail(`${updated ?? 0} rows updated instead of 1`);
      const after = await readProbeRow(session, table, key);
      if (!after) return fail('the row is gone after the UPDATE');
      const maintained = maintainedColumns(table);
      if (maintained === null) return [];
      const changed = Object.keys(row).filter((name) => !maintained.has(name) && row[name] !== after[name]);
      return changed.length === 0 ? [] : fail(`the UPDATE changed ${changed.join(', ')}`);
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
