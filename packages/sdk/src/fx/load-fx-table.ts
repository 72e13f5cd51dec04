import type { DatabaseConnection } from '../connection/database-connection.js';
import { FxTable } from './fx-table.js';
import { listFxSpots } from './list-fx-spots.js';

/** Reads a snapshot's spots once, for many conversions (rollups convert every currency through one table). */
export const loadFxTable = async (connection: DatabaseConnection, snapshotId: string): Promise<FxTable> =>
  new FxTable(snapshotId, await listFxSpots(connection, snapshotId));
