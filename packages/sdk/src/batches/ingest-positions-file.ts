import type { DatabaseConnection } from '../connection/database-connection.js';
import { bulkLoadPositions } from '../positions/bulk-load-positions.js';
import type { ParsedPositionInput } from '../schemas/position.js';
import type { BatchRowError } from './batch-row-error.js';
import { chunks } from './chunks.js';
import { defaultMaxCsvFileBytes } from './ingest-file.js';
import { ReferenceChecker } from './missing-references.js';
import { positionCsvColumns, positionDecimalLimits, positionFromCsvRow } from './position-csv-row.js';
import { readCsvRows } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';
import { runFileBatch, type FileBatchOptions, type FileBatchResult } from './run-file-batch.js';

/**
 * POSITION_UPLOAD: streams a positions CSV (see positionCsvColumns) through csv-parse, validates every row (values,
 * ISO currency, a position_id not repeated in the file, portfolio node and instrument present) and upserts the good
 * ones by position_id with the SDK's bulk loader. Every bad row is reported with its line, column and reason.
 * All-or-nothing by default; see runFileBatch for the lifecycle and re-upload detection.
 */
export function ingestPositionsFile(connection: DatabaseConnection, options: FileBatchOptions): Promise<FileBatchResult> {
  return runFileBatch(connection, {
    batchType: 'POSITION_UPLOAD',
    steps: ['parse:csv', 'validate:rows', 'check:references', 'upsert:position'],
    outputs: ['position'],
    defaultMaxFileBytes: defaultMaxCsvFileBytes,
    async process(transaction, control) {
      const limits = await positionDecimalLimits();
      const references = new ReferenceChecker(transaction);
      const seenPositionIds = new Set<string>();
      for await (const chunk of chunks(readCsvRows(control.file.stream(), positionCsvColumns), control.options.chunk_size)) {
        control.countRead(chunk.length);
        const errors: BatchRowError[] = [];
        const candidates: Array<{ row: number; position: ParsedPositionInput }> = [];
        for (const row of chunk) {
          const parsed = positionFromCsvRow(row, limits);
          errors.push(...parsed.errors);
          if (parsed.position === undefined) continue;
          if (seenPositionIds.has(parsed.position.position_id)) {
            errors.push({ row: row.row, column: 'position_id', reason: `${quoteValue(parsed.position.position_id)} appears earlier in the file` });
            continue;
          }
          seenPositionIds.add(parsed.position.position_id);
          candidates.push({ row: row.row, position: parsed.position });
        }
        const missingNodes = await references.missingIds('portfolio_node', candidates.map((c) => c.position.portfolio_node_id));
        const missingInstruments = await references.missingIds('instrument', candidates.map((c) => c.position.instrument_id));
        const valid = candidates.filter(({ row, position }) => {
          const rowErrors: BatchRowError[] = [];
          if (missingNodes.has(position.portfolio_node_id)) {
            rowErrors.push({ row, column: 'portfolio_node_id', reason: `portfolio node ${quoteValue(position.portfolio_node_id)} does not exist` });
          }
          if (missingInstruments.has(position.instrument_id)) {
            rowErrors.push({ row, column: 'instrument_id', reason: `instrument ${quoteValue(position.instrument_id)} does not exist` });
          }
          errors.push(...rowErrors);
          return rowErrors.length === 0;
        });
        control.reportErrors(errors.sort((a, b) => a.row - b.row));
        if (control.writing() && valid.length > 0) {
          const written = await bulkLoadPositions(transaction, valid.map((c) => c.position), { mode: 'upsert', batchSize: control.options.chunk_size });
          control.countWritten(written.rows);
        }
        control.progress(control.file.bytesRead(), control.file.size);
      }
    },
  }, options);
}
