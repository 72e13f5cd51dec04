import type { TableSnapshot, TriggerSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { behaviourFinding, judgedWhenAccepted, type Probe } from './probe.js';
import { rowKey } from './probe-row-key.js';

/** The spec's shared `set_updated_at()` trigger: an UPDATE moves updated_at to the transaction's now(). */
export function isUpdatedAtTrigger(table: TableSnapshot, trigger: TriggerSnapshot): boolean {
  return (
    trigger.function === 'set_updated_at' &&
    trigger.timing === 'BEFORE' &&
    trigger.level === 'ROW' &&
    trigger.events.includes('UPDATE') &&
    table.columns.some((column) => column.name === 'updated_at')
  );
}

export function updatedAtProbe(table: TableSnapshot, trigger: TriggerSnapshot): Probe {
  const probe = { objectType: 'trigger', object: trigger.name, table: table.name } as const;
  const expected = 'updated_at set to now() by the UPDATE';
  const overrides = { updated_at: { text: '2000-01-01T00:00:00Z' } };
  const update = (key: string) => `UPDATE ${q(table.name)} SET updated_at = updated_at WHERE ${key}
         RETURNING jsonb_build_object('maintained', updated_at = now(), 'updated_at', updated_at::text)`;
  const judge = (updated: { maintained?: boolean; updated_at?: string } | null | undefined) => {
    if (updated?.maintained) return [];
    const actual = updated ? `updated_at stayed ${updated.updated_at}` : 'the probe row was not found';
    return [
      behaviourFinding(probe, expected, actual, `${trigger.name} did not maintain ${table.name}.updated_at: ${actual}`),
    ];
  };
  return {
    ...probe,
    id: `probes/trigger/${table.name}.${trigger.name}`,
    title: `${trigger.name} maintains ${table.name}.updated_at on UPDATE`,
    run: async ({ session, rows }) => {
      const row = await rows.insert(table.name, overrides);
      const result = await session.query<{ outcome: Parameters<typeof judge>[0] }>(
        `${update(rowKey(table, row))} AS outcome`,
      );
      return judge(result.rows[0]?.outcome);
    },
    batch: (rows) =>
      judgedWhenAccepted(
        rows.planThen(table.name, overrides, ({ key }) => [update(key())]),
        ({ values: [updated] }) => judge(updated as Parameters<typeof judge>[0]),
      ),
  };
}
