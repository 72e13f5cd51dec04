import type { AllowedValues, SchemaSnapshot } from '@iprs/schema';
import { allowedValuesProbe, outsideValueProbe } from './allowed-values-probes.js';
import { onDeleteProbe, orphanProbe } from './foreign-key-probes.js';
import { insertProbe } from './insert-probe.js';
import type { Probe } from './probe.js';
import { isUpdatedAtTrigger, updatedAtProbe } from './updated-at-probe.js';

/**
 * Derives the behavioural probes from the manifest (pure): a valid row per table; per enumeration CHECK, its values
 * accepted and an outside value rejected; per foreign key, an orphan rejected and its ON DELETE action honoured; per
 * `set_updated_at()` trigger, updated_at maintained.
 */
export function planProbes(manifest: SchemaSnapshot): Probe[] {
  const tables = manifest.tables;
  return [
    ...tables.map(insertProbe),
    ...tables.flatMap((table) =>
      table.checks.flatMap((check) => {
        if (!hasAllowedValues(check)) return [];
        return [allowedValuesProbe(table, check), outsideValueProbe(table, check)];
      }),
    ),
    ...tables.flatMap((table) => table.foreignKeys.map((foreignKey) => orphanProbe(table, foreignKey))),
    ...tables.flatMap((table) => table.foreignKeys.map((foreignKey) => onDeleteProbe(table, foreignKey))),
    ...tables.flatMap((table) =>
      table.triggers.filter((trigger) => isUpdatedAtTrigger(table, trigger)).map((trigger) => updatedAtProbe(table, trigger)),
    ),
  ];
}

function hasAllowedValues<T extends { readonly allowedValues: AllowedValues | null }>(
  check: T,
): check is T & { readonly allowedValues: AllowedValues } {
  return check.allowedValues !== null;
}
