import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { BatchFileError } from './batch-row-error.js';

export interface CsvRow {
  /** Line of the file the record ends on; the header is line 1. */
  readonly row: number;
  /** Cells by column name; cells missing from a short row are absent. */
  readonly cells: Readonly<Record<string, string>>;
  /** How many cells the row had, and how many the header names: short and long rows are errors. */
  readonly cellCount: number;
  readonly headerCount: number;
}

export interface CsvColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * Streams a CSV file with csv-parse, one record at a time (nothing is held but the current record). The header must
 * name every required column and nothing outside required + optional; otherwise, or when the quoting is broken, a
 * BatchFileError says where.
 */
export async function* readCsvRows(source: Readable, columns: CsvColumns): AsyncGenerator<CsvRow> {
  const parser = source.pipe(
    parse({ info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }),
  );
  let header: string[] | undefined;
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
      if (header === undefined) {
        header = checkHeader(record, columns, info.lines);
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, index) => {
        const cell = record[index];
        if (cell !== undefined) cells[name] = cell;
      });
      yield { row: info.lines, cells, cellCount: record.length, headerCount: header.length };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new BatchFileError({ row: Number((error as CsvError & { lines?: number }).lines ?? 0), column: '', reason: error.message });
    }
    throw error;
  } finally {
    source.destroy();
  }
  if (header === undefined) throw new BatchFileError({ row: 1, column: '', reason: 'the file is empty: expected a header line' });
}

function checkHeader(record: string[], columns: CsvColumns, line: number): string[] {
  const known = new Set([...columns.required, ...columns.optional]);
  const unknown = record.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new BatchFileError({ row: line, column: unknown, reason: `unknown column; expected ${[...known].join(', ')}` });
  }
  const missing = columns.required.find((name) => !record.includes(name));
  if (missing !== undefined) throw new BatchFileError({ row: line, column: missing, reason: 'required column is missing' });
  const repeated = record.find((name, index) => record.indexOf(name) !== index);
  if (repeated !== undefined) throw new BatchFileError({ row: line, column: repeated, reason: 'column appears twice' });
  return record;
}
