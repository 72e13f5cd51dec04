import type { DatabaseConnection } from '../connection/database-connection.js';
import { fxSnapshotIdAsOf } from '../fx/fx-snapshot-as-of.js';
import { loadFxTable } from '../fx/load-fx-table.js';
import type { FxTable } from '../fx/fx-table.js';

/** The FX table a rollup converts with: the snapshot named, or the one in force on `as_of`. */
export const rollupFxTable = async (
  connection: DatabaseConnection,
  request: { readonly fx_snapshot_id?: string | undefined; readonly as_of?: string | undefined },
): Promise<FxTable> =>
  loadFxTable(connection, request.fx_snapshot_id ?? (await fxSnapshotIdAsOf(connection, request.as_of as string)));
