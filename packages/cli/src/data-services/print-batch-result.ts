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
    `batch ${batch.batch_id} ${batch.batch_type} ${status}: ${result.rowsRead} rows read, ${result.rowsWritten} written, ` +
      `${result.rowsUnchanged > 0 ? `${result.rowsUnchanged} unchanged, ` : ''}${result.errorCount} errors`,
  ];
  if (result.errorCount > 0) {
    lines.push(errorTable(result));
    if (batch.status === 'FAILED') lines.push('Nothing was written: fix the rows above and ingest the file again.');
  }
  return lines.join('\n');
}

/** The first bad rows; the SDK has already escaped and cut what they quote from the file, so the table stays small. */
function errorTable(result: FileBatchResult): string {
  const listed = result.errors.filter((error) => error.omitted === undefined).slice(0, listedErrors);
  const table = formatTable(
    ['line', 'column', 'reason'],
    listed.map((error) => [String(error.row), error.column || '(row)', error.reason]),
    new Set([0]),
  );
  const more = result.errorCount - listed.length;
  if (more <= 0) return table;
  const kept = result.errors.filter((error) => error.omitted === undefined).length;
  return `${table}\n… and ${more} more (ingestion_batch.validation_errors_json keeps the first ${kept} of ${result.errorCount})`;
}
