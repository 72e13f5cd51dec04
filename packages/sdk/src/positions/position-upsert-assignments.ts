import { sql } from 'slonik';

/**
 * The SET list of a position upsert: every field from the proposed row, and the status only when the caller gave one,
 * so that upserting holdings again neither reopens a closed position nor brings back a soft-deleted one.
 */
export const positionUpsertAssignments = (statusGiven: boolean) => sql.fragment`
  portfolio_node_id = EXCLUDED.portfolio_node_id, instrument_id = EXCLUDED.instrument_id,
  quantity = EXCLUDED.quantity, base_ccy = EXCLUDED.base_ccy, cost_basis = EXCLUDED.cost_basis,
  book_value = EXCLUDED.book_value, tags_json = EXCLUDED.tags_json,
  status = ${statusGiven ? sql.fragment`EXCLUDED.status` : sql.fragment`position.status`}
`;
