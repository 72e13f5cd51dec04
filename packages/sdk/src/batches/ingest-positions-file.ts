import type { DatabaseConnection } from '../connection/database-connection.js';
import { PositionWriter } from '../positions/bulk-load-positions.js';
import type { ParsedPositionInput } from '../schemas/position.js';
import type { BatchRowError } from './batch-row-error.js';
import { chunks } from './chunks.js';
import { defaultMaxCsvFileBytes } from './ingest-file.js';
import { ReferenceChecker } from './missing-references.js';
import { positionCsvColumns, positionDecimalLimits, positionFromCsvRow } from './position-csv-row.js';
import { readCsvRows } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';
import { SeenIds } from './seen-ids.js';
import { runFileBatch, type FileBatchOptions, type FileBatchResult } from './run-file-batch.js';

/**
 * Rows read and validated at a time. Small, so that parsed rows die young (before V8 promotes them to the old space,
 * which it then grows): writes still go in batches of chunk_size.
 */
const validationChunkRows = 500;

/**
 * POSITION_UPLOAD: streams a positions CSV (see positionCsvColumns) through csv-parse, validates every row (values,
 * ISO currency, a position_id not repeated in the file, portfolio node and instrument present) and upserts the good
 * ones by position_id with the SDK's bulk loader (COPY; unchanged positions are not rewritten). Every bad row is reported with its line, column and reason.
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
      const writer = new PositionWriter(transaction, 'upsert', control.options.chunk_size);
      // The transaction runs one statement at a time: a lookup waits for the write in flight (the ids of a file
      // repeat, so after the first chunks there are few lookups and writes overlap with reading and validating).
      const references = new ReferenceChecker(transaction, () => writer.flush());
      const seenPositionIds = new SeenIds();
      try {
        await writer.open();
        const rows = readCsvRows(control.file.stream(), positionCsvColumns);
        for await (const chunk of chunks(rows, Math.min(control.options.chunk_size, validationChunkRows))) {
          control.countRead(chunk.length);
          const errors: BatchRowError[] = [];
          const candidates: Array<{ row: number; position: ParsedPositionInput }> = [];
          for (const row of chunk) {
            const parsed = positionFromCsvRow(row, limits);
            errors.push(...parsed.errors);
            if (parsed.position === undefined) continue;
            if (!seenPositionIds.add(parsed.position.position_id)) {
              errors.push({ row: row.row, column: 'position_id', reason: `${quoteValue(parsed.position.position_id)} appears earlier in the file` });
              continue;
            }
            candidates.push({ row: row.row, position: parsed.position });
          }
          const missingNodes = await references.missingIds('portfolio_node', candidates.map((c) => c.position.portfolio_node_id));
          const missingInstruments = await references.missingIds('instrument', candidates.map((c) => c.position.instrument_id));
          for (const { row, position } of candidates) {
            if (missingNodes.has(position.portfolio_node_id)) {
              errors.push({ row, column: 'portfolio_node_id', reason: `portfolio node ${quoteValue(position.portfolio_node_id)} does not exist` });
            }
            if (missingInstruments.has(position.instrument_id)) {
              errors.push({ row, column: 'instrument_id', reason: `instrument ${quoteValue(position.instrument_id)} does not exist` });
            }
          }
          control.reportErrors(errors.sort((a, b) => a.row - b.row));
          if (control.writing()) {
            for (const { row, position } of candidates) {
              if (!missingNodes.has(position.portfolio_node_id) && !missingInstruments.has(position.instrument_id)) await writer.add(position, row);
            }
          }
          control.progress(control.file.bytesRead(), control.file.size);
        }
        const loaded = await writer.close();
        control.countWritten(loaded.written);
        control.countUnchanged(loaded.unchanged);
      } catch (error) {
        await writer.abandon();
        throw error;
      }
    },
  }, options);
}
