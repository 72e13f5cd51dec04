import type { DatabaseConnection } from '../connection/database-connection.js';
import { toOpenLineageRunEvents, type OpenLineageOptions, type OpenLineageRunEvent } from './openlineage-run-event.js';
import { traceLineage } from './trace-lineage.js';

/**
 * The lineage of a feed or batch as OpenLineage 2-0-2 RunEvents, oldest first: for each lineage record (one run), a
 * START — at the batch's started_at for a batch — then its COMPLETE or FAIL.
 */
export async function exportOpenLineage(
  connection: DatabaseConnection,
  feedId: string,
  options: OpenLineageOptions = {},
): Promise<OpenLineageRunEvent[]> {
  const trace = await traceLineage(connection, feedId);
  const startedAt = trace.batch?.started_at;
  return trace.records.flatMap((record) =>
    toOpenLineageRunEvents(record, { ...options, ...(startedAt === undefined ? {} : { startedAt }) }),
  );
}
