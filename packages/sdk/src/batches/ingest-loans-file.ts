import type { DatabaseConnection } from '../connection/database-connection.js';
import { bulkLoadPositions } from '../positions/bulk-load-positions.js';
import type { BatchRowError } from './batch-row-error.js';
import { chunks } from './chunks.js';
import { defaultMaxCsvFileBytes } from './ingest-file.js';
import { loanCsvColumns, loanDecimalLimits, loanFromCsvRow, type LoanRow } from './loan-csv-row.js';
import { ReferenceChecker } from './missing-references.js';
import { nonLoanInstruments } from './non-loan-instruments.js';
import { readCsvRows } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';
import { SeenIds } from './seen-ids.js';
import { runFileBatch, type FileBatchOptions, type FileBatchResult } from './run-file-batch.js';
import { upsertLoanInstruments } from './upsert-loan-instruments.js';

/**
 * LOAN_SERVICING: streams a loan-servicing CSV (see loanCsvColumns), validates every row (terms, ISO currency,
 * borrower in reference data, portfolio node present, ids not repeated in the file, loan id not taken by an instrument
 * of another type), then upserts the LOAN instruments and their positions. Same lifecycle, atomicity and re-upload
 * detection as positions (runFileBatch).
 */
export function ingestLoansFile(connection: DatabaseConnection, options: FileBatchOptions): Promise<FileBatchResult> {
  return runFileBatch(
    connection,
    {
      batchType: 'LOAN_SERVICING',
      steps: ['parse:csv', 'validate:rows', 'check:references', 'upsert:instrument', 'upsert:position'],
      outputs: ['instrument', 'position'],
      defaultMaxFileBytes: defaultMaxCsvFileBytes,
      async process(transaction, control) {
        const limits = await loanDecimalLimits();
        const references = new ReferenceChecker(transaction);
        const seenLoans = new SeenIds();
        const seenPositions = new SeenIds();
        for await (const chunk of chunks(
          readCsvRows(control.file.stream(), loanCsvColumns),
          control.options.chunk_size,
        )) {
          control.countRead(chunk.length);
          const errors: BatchRowError[] = [];
          const candidates: Array<{ row: number; loan: LoanRow }> = [];
          for (const row of chunk) {
            const parsed = loanFromCsvRow(row, limits);
            errors.push(...parsed.errors);
            if (parsed.loan === undefined) continue;
            const { loan_id } = parsed.loan.loan;
            const { position_id } = parsed.loan.position;
            if (seenLoans.has(loan_id))
              errors.push({
                row: row.row,
                column: 'loan_id',
                reason: `${quoteValue(loan_id)} appears earlier in the file`,
              });
            else if (seenPositions.has(position_id)) {
              errors.push({
                row: row.row,
                column: 'position_id',
                reason: `${quoteValue(position_id)} appears earlier in the file`,
              });
            } else candidates.push({ row: row.row, loan: parsed.loan });
            seenLoans.add(loan_id);
            seenPositions.add(position_id);
          }
          const { portfolio_node: missingNodes, reference_data: missingBorrowers } = await references.missingIds({
            portfolio_node: candidates.map((c) => c.loan.position.portfolio_node_id),
            reference_data: candidates.flatMap((c) =>
              c.loan.loan.borrower_entity_id ? [c.loan.loan.borrower_entity_id] : [],
            ),
          });
          const takenIds = await nonLoanInstruments(
            transaction,
            candidates.map((c) => c.loan.loan.loan_id),
          );
          const valid = candidates.filter(({ row, loan }) => {
            const rowErrors: BatchRowError[] = [];
            const takenBy = takenIds.get(loan.loan.loan_id);
            if (takenBy !== undefined) {
              rowErrors.push({
                row,
                column: 'loan_id',
                reason: `${quoteValue(loan.loan.loan_id)} is already a ${takenBy} instrument, not a LOAN; give the loan its own id`,
              });
            }
            if (missingNodes.has(loan.position.portfolio_node_id)) {
              rowErrors.push({
                row,
                column: 'portfolio_node_id',
                reason: `portfolio node ${quoteValue(loan.position.portfolio_node_id)} does not exist`,
              });
            }
            if (loan.loan.borrower_entity_id && missingBorrowers.has(loan.loan.borrower_entity_id)) {
              rowErrors.push({
                row,
                column: 'borrower_entity_id',
                reason: `entity ${quoteValue(loan.loan.borrower_entity_id)} is not in reference data`,
              });
            }
            errors.push(...rowErrors);
            return rowErrors.length === 0;
          });
          control.reportErrors(errors.sort((a, b) => a.row - b.row));
          if (control.writing() && valid.length > 0) {
            await upsertLoanInstruments(
              transaction,
              valid.map((c) => c.loan.loan),
            );
            const loaded = await bulkLoadPositions(
              transaction,
              valid.map((c) => c.loan.position),
              { mode: 'upsert', batchSize: control.options.chunk_size },
            );
            control.countWritten(loaded.written);
            control.countUnchanged(loaded.unchanged);
          }
          control.progress(control.file.bytesRead(), control.file.size);
        }
      },
    },
    options,
  );
}
