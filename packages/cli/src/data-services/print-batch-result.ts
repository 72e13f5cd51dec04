import type { FileBatchResult } from '@iprs/sdk';
import pc from 'picocolors';
import { formatTable } from './format-table.js';

/** How many bad rows the terminal report lists; the batch row keeps them all. */
const listedErrors = 20;

/** The summary a person reads after an ingestion: rows, errors, batch id, and the bad rows. */
export function describeBatchResult(result: FileBatchResult): string {
  const { batch } = result;
  if (result.duplicate) {
    return (
      `${pc.yellow('already ingested')}: this file's content (sha256 ${batch.source_file_hash?.slice(0, 12)}…) was ingested as batch ` +
      `${batch.batch_id} (${batch.status}, ${batch.record_count} rows, ${batch.started_at.toISOString()}); nothing done. ` +
      'Pass --force to ingest it again.'
    );
  }
  const status = batch.status === 'COMPLETED' ? pc.green(batch.status) : pc.red(batch.status);
  const lines = [
    `batch ${batch.batch_id} ${batch.batch_type} ${status}: ${result.rowsRead} rows read, ${result.rowsWritten} written, ${result.errors.length} errors`,
  ];
  if (result.errors.length > 0) {
    lines.push(
      formatTable(
        ['line', 'column', 'reason'],
        result.errors.slice(0, listedErrors).map((error) => [String(error.row), error.column || '(row)', error.reason]),
        new Set([0]),
      ),
    );
    if (result.errors.length > listedErrors) {
      lines.push(`… and ${result.errors.length - listedErrors} more (all are in ingestion_batch.validation_errors_json)`);
    }
    if (batch.status === 'FAILED') lines.push('Nothing was written: fix the rows above and ingest the file again.');
  }
  return lines.join('\n');
}
