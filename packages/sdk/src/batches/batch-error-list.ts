import type { BatchRowError } from './batch-row-error.js';
import { boundedRowError } from './report-text.js';

/** Errors a batch keeps in validation_errors_json (and its result); the rest are counted, not kept. */
export const batchErrorLimit = 1_000;

/**
 * A batch's errors as they are found: each escaped and bounded (see report-text), the first batchErrorLimit kept, every
 * one counted; so a file of a million bad rows, or of rows with 10 MB cells, yields a report of bounded size.
 */
export class BatchErrorList {
  private readonly kept: BatchRowError[] = [];
  private total = 0;

  public get count(): number {
    return this.total;
  }

  public add(errors: Iterable<BatchRowError>): void {
    for (const error of errors) {
      this.total += 1;
      if (this.kept.length < batchErrorLimit) this.kept.push(boundedRowError(error));
    }
  }

  /** The error that ended the batch (a file error, an unexpected failure): kept even past the limit, it says why. */
  public addFinal(error: BatchRowError): void {
    this.total += 1;
    this.kept.push(boundedRowError(error));
  }

  /** The kept errors, followed when some were not kept by one entry counting them. */
  public report(): BatchRowError[] {
    const omitted = this.total - this.kept.length;
    if (omitted === 0) return [...this.kept];
    return [
      ...this.kept,
      {
        row: 0,
        column: '',
        reason: `${omitted} more errors were found; only the first ${batchErrorLimit} are kept`,
        omitted,
      },
    ];
  }
}

/** How many errors a stored report stands for: its entries plus those its last entry counts as omitted. */
export function batchErrorCount(report: readonly BatchRowError[]): number {
  const omitted = report.at(-1)?.omitted;
  return omitted === undefined ? report.length : report.length - 1 + omitted;
}
