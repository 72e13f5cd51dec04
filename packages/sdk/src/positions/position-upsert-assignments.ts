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

/**
 * True when the stored position `stored` differs from the proposed `proposed` in a field the upsert sets, so that an
 * upsert of an unchanged row writes nothing: no new row version, no dead tuple, no updated_at bump. Decimals compare
 * as text: SDK inputs arrive normalised, but a row stored by another writer as 1.50 is rewritten to the 1.5 given.
 */
export const positionDiffers = (stored: string, proposed: string, statusGiven: boolean) => {
  const fields = (table: string) => {
    const column = (name: string) => sql.identifier([table, name]);
    return sql.fragment`(${column('portfolio_node_id')}, ${column('instrument_id')}, ${column('quantity')}::text,
      ${column('base_ccy')}, ${column('cost_basis')}::text, ${column('book_value')}::text, ${column('tags_json')},
      ${statusGiven ? column('status') : sql.fragment`NULL::text`})`;
  };
  return sql.fragment`${fields(stored)} IS DISTINCT FROM ${fields(proposed)}`;
};
