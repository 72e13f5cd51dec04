import { sql, type DatabaseTransactionConnection } from 'slonik';
import type { LoanTerms } from './loan-csv-row.js';

/**
 * Inserts or updates the LOAN instruments of a chunk of loan rows in one statement. An instrument the row would not
 * change is not rewritten, so a loan tape re-uploaded every day leaves no dead row versions behind.
 */
export async function upsertLoanInstruments(
  transaction: DatabaseTransactionConnection,
  loans: readonly LoanTerms[],
): Promise<void> {
  const terms = (loan: LoanTerms) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries({
          facility_type: loan.facility_type,
          coupon_type: loan.coupon_type,
          coupon_rate: loan.coupon_rate,
          spread_bps: loan.spread_bps,
        }).filter(([, value]) => value !== undefined),
      ),
    );
  await transaction.query(sql.unsafe`
    INSERT INTO instrument (instrument_id, instrument_type, name, currency, issuer_entity_id, maturity_date, terms_json)
    SELECT instrument_id, 'LOAN', name, currency, issuer_entity_id, maturity_date::date, terms_json::jsonb
    FROM unnest(
      ${sql.array(
        loans.map((loan) => loan.loan_id),
        'text',
      )}, ${sql.array(
        loans.map((loan) => loan.name),
        'text',
      )},
      ${sql.array(
        loans.map((loan) => loan.currency),
        'text',
      )},
      ${sql.array(
        loans.map((loan) => loan.borrower_entity_id ?? null),
        'text',
      )},
      ${sql.array(
        loans.map((loan) => loan.maturity_date ?? null),
        'text',
      )}, ${sql.array(loans.map(terms), 'text')}
    ) AS loan (instrument_id, name, currency, issuer_entity_id, maturity_date, terms_json)
    ON CONFLICT (instrument_id) DO UPDATE SET
      name = EXCLUDED.name, currency = EXCLUDED.currency, issuer_entity_id = EXCLUDED.issuer_entity_id,
      maturity_date = EXCLUDED.maturity_date, terms_json = EXCLUDED.terms_json
    WHERE instrument.instrument_type = 'LOAN'
      AND (instrument.name, instrument.currency, instrument.issuer_entity_id, instrument.maturity_date, instrument.terms_json)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.currency, EXCLUDED.issuer_entity_id, EXCLUDED.maturity_date, EXCLUDED.terms_json)
  `);
}
