import type { DatabaseConnection } from '../connection/database-connection.js';
import { toOpenLineageRunEvent, type OpenLineageOptions, type OpenLineageRunEvent } from './openlineage-run-event.js';
import { traceLineage } from './trace-lineage.js';

/** The lineage of a feed or batch as OpenLineage 2-0-2 RunEvents, oldest first. */
export async function exportOpenLineage(
  connection: DatabaseConnection,
  feedId: string,
  options: OpenLineageOptions = {},
): Promise<OpenLineageRunEvent[]> {
  const trace = await traceLineage(connection, feedId);
  return trace.records.map((record) => toOpenLineageRunEvent(record, options));
}
