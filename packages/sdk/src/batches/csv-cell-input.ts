import type { BatchRowError } from './batch-row-error.js';
import { decimalLimitProblem, type DecimalLimits } from '../types/decimal-limits.js';
import { jsonNestingDepth, maxJsonNestingDepth } from './json-nesting-depth.js';
import type { CsvRow } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';

/** A CSV cell as input: empty cells are absent values. */
export function cellValue(cells: Readonly<Record<string, string>>, column: string): string | undefined {
  const cell = cells[column];
  return cell === undefined || cell === '' ? undefined : cell;
}

/** What JSON.stringify escapes and jsonb refuses: NUL and lone surrogates (pairs are written as they are). */
const unstorableInJsonb = /(?<!\\)\\u(?:0000|d[89a-f])/iu;

/** A cell holding a JSON object (e.g. tags), or the reason it does not. */
export function jsonObjectCell(text: string | undefined): { value?: Record<string, unknown>; reason?: string } {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (jsonNestingDepth(value) > maxJsonNestingDepth)
        return { reason: `nests deeper than ${maxJsonNestingDepth} levels` };
      return unstorableInJsonb.test(JSON.stringify(value))
        ? { reason: 'holds NUL (\\u0000) or a lone surrogate, which PostgreSQL jsonb cannot store' }
        : { value: value as Record<string, unknown> };
    }
  } catch {
    // reported below
  }
  return { reason: 'must be a JSON object such as {"desk":"rates"}' };
}

/** A row error for every decimal cell (by column) outside its limits. */
export function decimalCellProblems(row: CsvRow, limits: Readonly<Record<string, DecimalLimits>>): BatchRowError[] {
  return Object.entries(limits).flatMap(([column, columnLimits]) => {
    const cell = cellValue(row.cells, column);
    const problem = cell === undefined ? undefined : decimalLimitProblem(cell, columnLimits);
    return problem === undefined || cell === undefined
      ? []
      : [{ row: row.row, column, reason: `${quoteValue(cell)} ${problem}` }];
  });
}
