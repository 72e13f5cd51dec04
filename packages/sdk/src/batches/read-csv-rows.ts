import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { BatchFileError, type BatchRowError } from './batch-row-error.js';
import { quoteValue } from './report-text.js';
import { describeInvalidUtf8, Utf8Check } from './utf8-check.js';

export interface CsvRow {
  /** Line of the file the record ends on (lines end with LF, so CRLF files count alike); the header is line 1. */
  readonly row: number;
  /** Cells by column name; cells missing from a short row are absent. */
  readonly cells: Readonly<Record<string, string>>;
  /** How many cells the row had, and how many the header names: short and long rows are errors. */
  readonly cellCount: number;
  readonly headerCount: number;
  /** Why the row cannot be read at all (bytes that are not UTF-8, control characters); its cells are then not checked. */
  readonly problems: readonly BatchRowError[];
}

export interface CsvColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** Characters no cell may hold: NUL (PostgreSQL text cannot) and the other control characters except tab and line breaks. */
const controlCharacter = /[\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}-\u{9f}]/u;

/**
 * Streams a CSV file with csv-parse, one record at a time (nothing is held but the current record). The header must
 * name every required column and nothing outside required + optional; otherwise, or when the quoting is broken, a
 * BatchFileError says where (an unclosed quote: the line where the quoted field opens). Bytes that are not UTF-8 are
 * found before csv-parse decodes (which would replace them with U+FFFD), and a row holding them is a row error naming
 * the line and byte; so is a cell with NUL or another control character.
 */
export async function* readCsvRows(source: Readable, columns: CsvColumns): AsyncGenerator<CsvRow> {
  const utf8 = new Utf8Check();
  // pipeline, not pipe: a read error must reach the loop below instead of leaving the parser waiting for ever.
  // `raw` is only for the unclosed-quote error, which carries the record's text only with it.
  const parser = pipeline(
    source,
    utf8,
    parse({ info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }),
    () => {},
  );
  let header: string[] | undefined;
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { bytes: number }; record: string[] }>) {
      const invalid = utf8.takeBefore(info.bytes);
      const line = utf8.lineAt(info.bytes - 1);
      utf8.release(info.bytes);
      if (header === undefined) {
        if (invalid[0] !== undefined)
          throw new BatchFileError({ row: line, column: '', reason: `the header: ${describeInvalidUtf8(invalid[0])}` });
        header = checkHeader(record, columns, line);
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, index) => {
        const cell = record[index];
        if (cell !== undefined) cells[name] = cell;
      });
      const problems =
        invalid[0] === undefined
          ? controlCharacterProblems(line, header, record)
          : [{ row: line, column: '', reason: describeInvalidUtf8(invalid[0]) }];
      yield { row: line, cells, cellCount: record.length, headerCount: header.length, problems };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new BatchFileError(csvErrorOf(error, utf8.linesSeen));
    throw error;
  } finally {
    source.destroy();
  }
  if (header === undefined)
    throw new BatchFileError({ row: 1, column: '', reason: 'the file is empty: expected a header line' });
}

function controlCharacterProblems(row: number, header: readonly string[], record: readonly string[]): BatchRowError[] {
  const problems: BatchRowError[] = [];
  record.forEach((cell, index) => {
    const at = cell.search(controlCharacter);
    if (at === -1) return;
    const code = `U+${(cell.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    problems.push({
      row,
      column: header[index] ?? `(cell ${index + 1})`,
      reason:
        `holds the control character ${code}${code === 'U+0000' ? ' (NUL, which PostgreSQL text cannot store)' : ''} at character ${at + 1}: ` +
        `${quoteValue(cell)}`,
    });
  });
  return problems;
}

/**
 * csv-parse's error as a file error. An unclosed quote is reported on the line its record starts: csv-parse's own line
 * count at the end of the file is off by one depending on the last line break, so the line is counted back from the
 * end of the file over the record's raw text, which runs from its start to the end of the file.
 */
function csvErrorOf(error: CsvError, fileLines: number): BatchRowError {
  const { lines = 0, raw } = error as CsvError & { lines?: number; raw?: string };
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' && typeof raw === 'string') {
    const opened = fileLines - (raw.replace(/^[\r\n]+/u, '').match(/\n/gu)?.length ?? 0);
    return {
      row: opened,
      column: '',
      reason: `a quote opened on line ${opened} is never closed: the file ends inside a quoted field`,
    };
  }
  return { row: lines, column: '', reason: error.message };
}

function checkHeader(record: string[], columns: CsvColumns, line: number): string[] {
  const known = new Set([...columns.required, ...columns.optional]);
  const unknown = record.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new BatchFileError({
      row: line,
      column: unknown,
      reason: `unknown column ${quoteValue(unknown)}; expected ${[...known].join(', ')}`,
    });
  }
  const missing = columns.required.find((name) => !record.includes(name));
  if (missing !== undefined)
    throw new BatchFileError({ row: line, column: missing, reason: 'required column is missing' });
  const repeated = record.find((name, index) => record.indexOf(name) !== index);
  if (repeated !== undefined) throw new BatchFileError({ row: line, column: repeated, reason: 'column appears twice' });
  return record;
}
