/** One problem of an uploaded file, as stored in ingestion_batch.validation_errors_json. */
export interface BatchRowError {
  /** Line of the file the record ends on (the header is line 1); for JSON files, the 1-based item number. */
  readonly row: number;
  /** The column (CSV) or field path (JSON); empty when the whole row is at fault. */
  readonly column: string;
  readonly reason: string;
  /**
   * Only on the last entry of a report that found more errors than it keeps (see batchErrorLimit): how many more there
   * were. Its row is 0 and its reason says the same in words.
   */
  readonly omitted?: number;
  /**
   * Only on the one entry of a batch failed because the process loading it ended (see abandonedBatchError): the marker
   * that recognises such a batch, so its wording may change.
   */
  readonly kind?: 'abandoned';
}

/** A problem that stops reading the file altogether (a missing column, broken quoting). */
export class BatchFileError extends Error {
  public constructor(public readonly rowError: BatchRowError) {
    super(`line ${rowError.row}${rowError.column ? `, column ${rowError.column}` : ''}: ${rowError.reason}`);
    this.name = 'BatchFileError';
  }
}
