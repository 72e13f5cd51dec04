import type { AllowedValues, SchemaSnapshot } from '@iprs/schema';
import { allowedValuesProbe, outsideValueProbe } from './allowed-values-probes.js';
import { onDeleteProbe, orphanProbe } from './foreign-key-probes.js';
import { deleteProbe } from './delete-probe.js';
import { insertProbe } from './insert-probe.js';
import type { Probe } from './probe.js';
import { updateProbe } from './update-probe.js';
import { isUpdatedAtTrigger, updatedAtProbe } from './updated-at-probe.js';

/**
 * Derives the behavioural probes from the manifest (pure): per table, a valid row inserted and read back, updated in
 * place and deleted (so rules, policies and triggers on every event are exercised); per enumeration CHECK, its values
 * accepted and an outside value rejected; per foreign key, an orphan rejected and its ON DELETE action honoured; per
 * `set_updated_at()` trigger, updated_at maintained.
 */
export function planProbes(manifest: SchemaSnapshot): Probe[] {
  const tables = manifest.tables;
  return [
    ...tables.map(insertProbe),
    ...tables.map(updateProbe),
    ...tables.map(deleteProbe),
    ...tables.flatMap((table) =>
      table.checks.flatMap((check) => {
        if (!hasAllowedValues(check)) return [];
        return [allowedValuesProbe(table, check), outsideValueProbe(table, check)];
      }),
    ),
    ...tables.flatMap((table) => table.foreignKeys.map((foreignKey) => orphanProbe(table, foreignKey))),
    ...tables.flatMap((table) => table.foreignKeys.map((foreignKey) => onDeleteProbe(table, foreignKey))),
    ...tables.flatMap((table) =>
      table.triggers
        .filter((trigger) => isUpdatedAtTrigger(table, trigger))
        .map((trigger) => updatedAtProbe(table, trigger)),
    ),
  ];
}

function hasAllowedValues<T extends { readonly allowedValues: AllowedValues | null }>(
  check: T,
): check is T & { readonly allowedValues: AllowedValues } {
  return check.allowedValues !== null;
}
