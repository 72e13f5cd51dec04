/** One FX_SPOT feed (EUR/USD 1.25 on 2026-01-15, snapshot FX-T), as a MARKET_DATA file holds it. */
export const fxSpotMarketData = {
  feeds: [
    {
      feed_type: 'FX_SPOT',
      as_of_date: '2026-01-15',
      source: 'test',
      payload: { snapshot_id: 'FX-T', quotes: [{ pair: 'EUR/USD', rate: '1.25' }] },
    },
  ],
};

/** A LOAN_SERVICING CSV of two loans: LN-1 (USD) on FUND, LN-2 (EUR) on `euroLoanNode`. */
export const twoLoansCsv = (euroLoanNode: string): string =>
  [
    'loan_id,name,currency,portfolio_node_id,position_id,outstanding_principal,book_value',
    'LN-1,Dollar loan,USD,FUND,POS-1,1000,1000',
    `LN-2,Euro loan,EUR,${euroLoanNode},POS-2,100,100`,
    '',
  ].join('\n');
