import type { DatabaseConnection } from '../connection/database-connection.js';
import { PositionWriter, preparePosition, type PreparedPosition } from '../positions/bulk-load-positions.js';
import type { ParsedPositionInput } from '../schemas/position.js';
import type { BatchRowError } from './batch-row-error.js';
import { chunks } from './chunks.js';
import { defaultMaxCsvFileBytes } from './ingest-file.js';
import { ReferenceChecker } from './missing-references.js';
import { positionCsvColumns, positionDecimalLimits, positionFromCsvRow } from './position-csv-row.js';
import { readCsvRows, type CsvRow } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';
import { SeenIds } from './seen-ids.js';
import { runFileBatch, type FileBatchOptions, type FileBatchResult } from './run-file-batch.js';

/** Rows read and validated at a time, between progress reports; they wait, parsed, until a write batch is full. */
const validationChunkRows = 500;

/**
 * POSITION_UPLOAD: streams a positions CSV (see positionCsvColumns) through csv-parse, validates every row (values,
 * ISO currency, a position_id not repeated in the file, portfolio node and instrument present) and upserts the good
 * ones by position_id with the SDK's bulk loader (COPY; unchanged positions are not rewritten). Every bad row is reported with its line, column and reason.
 * All-or-nothing by default; see runFileBatch for the lifecycle and re-upload detection.
 */
export function ingestPositionsFile(
  connection: DatabaseConnection,
  options: FileBatchOptions,
): Promise<FileBatchResult> {
  return runFileBatch(
    connection,
    {
      batchType: 'POSITION_UPLOAD',
      steps: ['parse:csv', 'validate:rows', 'check:references', 'upsert:position'],
      outputs: ['position'],
      defaultMaxFileBytes: defaultMaxCsvFileBytes,
      async process(transaction, control) {
        const limits = await positionDecimalLimits();
        const writer = new PositionWriter(transaction, 'upsert', control.options.chunk_size);
        // The transaction runs one statement at a time: a lookup waits for the write in flight. Rows are therefore
        // checked a write batch at a time, once the batch before has been sent, so reading and validating a batch
        // overlaps with writing the one before, however many distinct nodes and instruments the file names.
        const references = new ReferenceChecker(transaction, () => writer.waitForWrites());
        const seenPositionIds = new SeenIds();
        let pendingErrors: BatchRowError[] = [];
        let pending: Array<{ row: number; position: ParsedPositionInput; prepared: PreparedPosition }> = [];
        const checkReferencesAndWrite = async () => {
          const errors = pendingErrors;
          const candidates = pending;
          pendingErrors = [];
          pending = [];
          const { portfolio_node: missingNodes, instrument: missingInstruments } = await references.missingIds({
            portfolio_node: candidates.map((c) => c.position.portfolio_node_id),
            instrument: candidates.map((c) => c.position.instrument_id),
          });
          for (const { row, position } of candidates) {
            if (missingNodes.has(position.portfolio_node_id)) {
              errors.push({
                row,
                column: 'portfolio_node_id',
                reason: `portfolio node ${quoteValue(position.portfolio_node_id)} does not exist`,
              });
            }
            if (missingInstruments.has(position.instrument_id)) {
              errors.push({
                row,
                column: 'instrument_id',
                reason: `instrument ${quoteValue(position.instrument_id)} does not exist`,
              });
            }
          }
          control.reportErrors(errors.sort((a, b) => a.row - b.row));
          if (!control.writing()) return;
          for (const { row, position, prepared } of candidates) {
            if (!missingNodes.has(position.portfolio_node_id) && !missingInstruments.has(position.instrument_id))
              await writer.add(prepared, row);
          }
        };
        try {
          await writer.open();
          const rows = readCsvRows(control.file.stream(), positionCsvColumns);
          const reading = chunks(rows, Math.min(control.options.chunk_size, validationChunkRows))[
            Symbol.asyncIterator
          ]();
          for (;;) {
            let next: IteratorResult<CsvRow[]>;
            try {
              next = await reading.next();
            } catch (unreadable) {
              // The rows before a file-level error (an unterminated quote, say) are reported and written as before it.
              await checkReferencesAndWrite();
              throw unreadable;
            }
            if (next.done) break;
            const chunk = next.value;
            control.countRead(chunk.length);
            for (const row of chunk) {
              await writer.pace();
              const parsed = positionFromCsvRow(row, limits);
              pendingErrors.push(...parsed.errors);
              if (parsed.position === undefined) continue;
              if (!seenPositionIds.add(parsed.position.position_id)) {
                pendingErrors.push({
                  row: row.row,
                  column: 'position_id',
                  reason: `${quoteValue(parsed.position.position_id)} appears earlier in the file`,
                });
                continue;
              }
              // Worked out now, while PostgreSQL writes the batch before, rather than when this one is added.
              pending.push({ row: row.row, position: parsed.position, prepared: preparePosition(parsed.position) });
            }
            if (pending.length >= control.options.chunk_size) await checkReferencesAndWrite();
            control.progress(control.file.bytesRead(), control.file.size);
          }
          await checkReferencesAndWrite();
          const loaded = await writer.close();
          control.countWritten(loaded.written);
          control.countUnchanged(loaded.unchanged);
        } catch (error) {
          await writer.abandon();
          throw error;
        }
      },
    },
    options,
  );
}
