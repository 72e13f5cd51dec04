import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { idInput, isoDateInput } from '../types/input-fields.js';
import { fxSnapshotIdAsOf } from './fx-snapshot-as-of.js';

/** Which FX snapshot converts: a snapshot id, or `{ asOf }` for the snapshot in force on a date (see fxSnapshotIdAsOf). */
export type FxSnapshotSelector = string | { readonly snapshotId: string } | { readonly asOf: string };

export const fxSnapshotSelectorInput = z.union([
  idInput,
  z.strictObject({ snapshotId: idInput }),
  z.strictObject({ asOf: isoDateInput }),
]);

/** The snapshot id a selector names, looking up the snapshot in force for `{ asOf }`. */
export async function resolveFxSnapshot(
  connection: DatabaseConnection,
  selector: z.output<typeof fxSnapshotSelectorInput>,
): Promise<string> {
  if (typeof selector === 'string') return selector;
  return 'snapshotId' in selector ? selector.snapshotId : fxSnapshotIdAsOf(connection, selector.asOf);
}
