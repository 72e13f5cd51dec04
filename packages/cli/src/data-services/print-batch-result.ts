import type { FileBatchResult } from '@iprs/sdk';
import { formatTable } from './format-table.js';
import { colors } from '../terminal-colors.js';

/** How many bad rows the terminal report lists; the batch row keeps them all. */
const listedErrors = 20;

/** The summary a person reads after an ingestion: rows, errors, batch id, and the bad rows. */
export function describeBatchResult(result: FileBatchResult): string {
  const { batch } = result;
  if (result.duplicate) {
    const notice =
      `${colors.yellow('already ingested')}: this file's content (sha256 ${batch.source_file_hash?.slice(0, 12)}…) was ingested as batch ` +
      `${batch.batch_id} (${batch.status}, ${batch.record_count} rows, ${batch.started_at.toISOString()}); nothing done. ` +
      'Pass --force to ingest it again.';
    return result.errors.length === 0 ? notice : `${notice}\nIts errors were:\n${errorTable(result)}`;
  }
  const status = batch.status === 'COMPLETED' ? colors.green(batch.status) : colors.red(batch.status);
  const lines = [
    `batch ${batch.batch_id} ${batch.batch_type} ${status}: ${result.rowsRead} rows read, ${result.rowsWritten} written, ${result.errors.length} errors`,
  ];
  if (result.errors.length > 0) {
    lines.push(errorTable(result));
    if (batch.status === 'FAILED') lines.push('Nothing was written: fix the rows above and ingest the file again.');
  }
  return lines.join('\n');
}

function errorTable(result: FileBatchResult): string {
  const table = formatTable(
    ['line', 'column', 'reason'],
    result.errors.slice(0, listedErrors).map((error) => [String(error.row), error.column || '(row)', error.reason]),
    new Set([0]),
  );
  const more = result.errors.length - listedErrors;
  return more > 0 ? `${table}\n… and ${more} more (all are in ingestion_batch.validation_errors_json)` : table;
}
