import { parsePositionInput } from '../schemas/parse-position-input.js';
import type { ParsedPositionInput } from '../schemas/position.js';
import type { BatchRowError } from './batch-row-error.js';
import { cellValue, decimalCellProblems, jsonObjectCell } from './csv-cell-input.js';
import { amountLimits, type DecimalLimits } from '../types/decimal-limits.js';
import type { CsvColumns, CsvRow } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';

/**
 * POSITION_UPLOAD columns. Required: position_id, portfolio_node_id, instrument_id, quantity, base_ccy.
 * Optional: cost_basis, book_value, status (ACTIVE, CLOSED, DELETED; when empty, ACTIVE for a new position and
 * unchanged for an existing one), tags (a JSON object).
 * Decimals are written plainly (`1234.50`), never with thousands separators.
 */
export const positionCsvColumns: CsvColumns = {
  required: ['position_id', 'portfolio_node_id', 'instrument_id', 'quantity', 'base_ccy'],
  optional: ['cost_basis', 'book_value', 'status', 'tags'],
};

/** The decimal columns of a positions file and the limits of the position columns they fill. */
export type PositionDecimalLimits = Readonly<Record<'quantity' | 'cost_basis' | 'book_value', DecimalLimits>>;

export async function positionDecimalLimits(): Promise<PositionDecimalLimits> {
  return {
    quantity: await amountLimits({ table: 'position', column: 'quantity' }),
    cost_basis: await amountLimits({ table: 'position', column: 'cost_basis' }),
    book_value: await amountLimits({ table: 'position', column: 'book_value' }),
  };
}

/** One CSV row as a position, or every reason it cannot be one (row number, column, reason). */
export function positionFromCsvRow(
  row: CsvRow,
  limits: PositionDecimalLimits,
): { position?: ParsedPositionInput; errors: BatchRowError[] } {
  if (row.problems.length > 0) return { errors: [...row.problems] };
  const errors: BatchRowError[] = [];
  if (row.cellCount !== row.headerCount) {
    errors.push({
      row: row.row,
      column: '',
      reason: `has ${row.cellCount} cells where the header names ${row.headerCount}`,
    });
  }
  const tags = jsonObjectCell(cellValue(row.cells, 'tags'));
  if (tags.reason !== undefined) errors.push({ row: row.row, column: 'tags', reason: tags.reason });
  const outOfLimits = decimalCellProblems(row, limits);
  errors.push(...outOfLimits);
  // A decimal already refused by its digit count is not parsed as well: a 10 MB number would take seconds.
  const decimal = (column: string) =>
    outOfLimits.some((error) => error.column === column) ? '0' : cellValue(row.cells, column);
  const parsed = parsePositionInput({
    position_id: cellValue(row.cells, 'position_id'),
    portfolio_node_id: cellValue(row.cells, 'portfolio_node_id'),
    instrument_id: cellValue(row.cells, 'instrument_id'),
    quantity: decimal('quantity'),
    base_ccy: cellValue(row.cells, 'base_ccy'),
    cost_basis: decimal('cost_basis') ?? null,
    book_value: decimal('book_value') ?? null,
    status: cellValue(row.cells, 'status'),
    tags_json: tags.value ?? {},
  });
  const emptyRequired = positionCsvColumns.required.filter((column) => cellValue(row.cells, column) === undefined);
  for (const column of emptyRequired) errors.push({ row: row.row, column, reason: 'is required' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issue.path[0] === 'tags_json' ? 'tags' : String(issue.path[0] ?? '');
      if (emptyRequired.includes(column)) continue;
      const cell = row.cells[column];
      errors.push({ row: row.row, column, reason: cell ? `${quoteValue(cell)} ${issue.message}` : issue.message });
    }
  }
  return errors.length === 0 && parsed.success ? { position: parsed.data, errors } : { errors };
}
