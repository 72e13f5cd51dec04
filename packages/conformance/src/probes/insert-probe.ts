import type { TableSnapshot } from '@iprs/schema';
import { describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';

/** A row built from the manifest's columns, defaults and checks is accepted (with any parents it needs). */
export function insertProbe(table: TableSnapshot): Probe {
  const probe = { objectType: 'table', object: table.name, table: null } as const;
  return {
    ...probe,
    id: `probes/insert/${table.name}`,
    title: `a valid row can be inserted into ${table.name}`,
    run: async ({ rows }) => {
      try {
        await rows.insert(table.name);
        return [];
      } catch (error) {
        rethrowUnlessRejection(error);
        const reason = describeRejection(error);
        return [behaviourFinding(probe, 'row accepted', reason, `a valid row for ${table.name} was rejected: ${reason}`)];
      }
    },
  };
}
