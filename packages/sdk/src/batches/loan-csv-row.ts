import { z } from 'zod';
import { isIsoCurrencyCode } from '../reference/iso-codes.js';
import { parsePositionInput } from '../schemas/parse-position-input.js';
import type { ParsedPositionInput } from '../schemas/position.js';
import { decimalInput } from '../types/decimal.js';
import { idInput, isoDateInput, nameInput } from '../types/input-fields.js';
import type { BatchRowError } from './batch-row-error.js';
import { cellValue, decimalCellProblems } from './csv-cell-input.js';
import { amountLimits, type DecimalLimits } from '../types/decimal-limits.js';
import type { CsvColumns, CsvRow } from './read-csv-rows.js';
import { quoteValue } from './report-text.js';

/**
 * LOAN_SERVICING columns: one loan (an instrument of type LOAN) and the position holding it per row.
 * Required: loan_id, name, currency, portfolio_node_id, position_id, outstanding_principal.
 * Optional: borrower_entity_id (an entity in reference data), maturity_date (YYYY-MM-DD), facility_type
 * (e.g. TERM_LOAN, REVOLVER), coupon_type (FIXED or FLOATING), coupon_rate (decimal, 0.065 = 6.5 %), spread_bps,
 * book_value, cost_basis, status (ACTIVE, CLOSED, DELETED).
 * The loan is upserted by loan_id (its terms go to terms_json) and the position by position_id, with
 * quantity = outstanding_principal and base_ccy = currency.
 */
export const loanCsvColumns: CsvColumns = {
  required: ['loan_id', 'name', 'currency', 'portfolio_node_id', 'position_id', 'outstanding_principal'],
  optional: [
    'borrower_entity_id',
    'maturity_date',
    'facility_type',
    'coupon_type',
    'coupon_rate',
    'spread_bps',
    'book_value',
    'cost_basis',
    'status',
  ],
};

const loanTermsSchema = z.strictObject({
  loan_id: idInput,
  name: nameInput,
  currency: z.string().refine(isIsoCurrencyCode, { error: 'is not an ISO 4217 currency code' }),
  borrower_entity_id: idInput.optional(),
  maturity_date: isoDateInput.optional(),
  facility_type: z
    .string()
    .regex(/^[A-Z_]+$/, { error: 'must be upper-case words joined by _, e.g. TERM_LOAN' })
    .optional(),
  coupon_type: z.enum(['FIXED', 'FLOATING']).optional(),
  coupon_rate: decimalInput.optional(),
  spread_bps: decimalInput.optional(),
});
export type LoanTerms = z.output<typeof loanTermsSchema>;

export interface LoanRow {
  readonly loan: LoanTerms;
  readonly position: ParsedPositionInput;
}

/** The decimal columns of a loans file and their limits: those filling a position column are held to its type too. */
export type LoanDecimalLimits = Readonly<
  Record<'outstanding_principal' | 'book_value' | 'cost_basis' | 'coupon_rate' | 'spread_bps', DecimalLimits>
>;

export async function loanDecimalLimits(): Promise<LoanDecimalLimits> {
  return {
    outstanding_principal: await amountLimits({ table: 'position', column: 'quantity' }),
    book_value: await amountLimits({ table: 'position', column: 'book_value' }),
    cost_basis: await amountLimits({ table: 'position', column: 'cost_basis' }),
    coupon_rate: await amountLimits(),
    spread_bps: await amountLimits(),
  };
}

/** One CSV row as a loan and its position, or every reason it cannot be. */
export function loanFromCsvRow(row: CsvRow, limits: LoanDecimalLimits): { loan?: LoanRow; errors: BatchRowError[] } {
  if (row.problems.length > 0) return { errors: [...row.problems] };
  const errors: BatchRowError[] = [];
  if (row.cellCount !== row.headerCount) {
    errors.push({
      row: row.row,
      column: '',
      reason: `has ${row.cellCount} cells where the header names ${row.headerCount}`,
    });
  }
  const outOfLimits = decimalCellProblems(row, limits);
  errors.push(...outOfLimits);
  // A decimal already refused by its digit count is not parsed as well: a 10 MB number would take seconds.
  const value = (column: string) =>
    outOfLimits.some((error) => error.column === column) ? '0' : cellValue(row.cells, column);
  const emptyRequired = loanCsvColumns.required.filter((column) => value(column) === undefined);
  for (const column of emptyRequired) errors.push({ row: row.row, column, reason: 'is required' });
  const report = (issues: readonly z.core.$ZodIssue[], columnOf: (field: string) => string) => {
    for (const issue of issues) {
      const column = columnOf(String(issue.path[0] ?? ''));
      if (emptyRequired.includes(column)) continue;
      const cell = value(column);
      errors.push({ row: row.row, column, reason: cell ? `${quoteValue(cell)} ${issue.message}` : issue.message });
    }
  };
  const terms = loanTermsSchema.safeParse({
    loan_id: value('loan_id'),
    name: value('name'),
    currency: value('currency'),
    borrower_entity_id: value('borrower_entity_id'),
    maturity_date: value('maturity_date'),
    facility_type: value('facility_type'),
    coupon_type: value('coupon_type'),
    coupon_rate: value('coupon_rate'),
    spread_bps: value('spread_bps'),
  });
  if (!terms.success) report(terms.error.issues, (field) => field);
  const position = parsePositionInput({
    position_id: value('position_id'),
    portfolio_node_id: value('portfolio_node_id'),
    instrument_id: value('loan_id'),
    quantity: value('outstanding_principal'),
    base_ccy: value('currency'),
    cost_basis: value('cost_basis') ?? null,
    book_value: value('book_value') ?? null,
    status: value('status'),
  });
  const positionColumns: Record<string, string> = {
    instrument_id: 'loan_id',
    quantity: 'outstanding_principal',
    base_ccy: 'currency',
  };
  if (!position.success) {
    report(
      position.error.issues.filter(
        (issue) => !(terms.success === false && positionColumns[String(issue.path[0])] !== undefined),
      ),
      (field) => positionColumns[field] ?? field,
    );
  }
  if (errors.length > 0 || !terms.success || !position.success) return { errors };
  return { loan: { loan: terms.data, position: position.data }, errors };
}
