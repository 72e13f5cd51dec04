import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { isoDateInput } from '../types/input-fields.js';
import { parseInput } from '../types/parse-input.js';

/**
 * The snapshots in force on a date, best first: as-of date on or before it, latest as-of date first; on the same
 * as-of date the most recently written wins (a re-published correction), then the greatest snapshot id, so the choice
 * never depends on row order. `before` excludes the date itself (the previous snapshot, for day-over-day checks).
 */
export const fxSnapshotsInForce = (
  date: string,
  options: { readonly before?: boolean; readonly except?: string } = {},
) => sql.fragment`
  SELECT snapshot_id, max(as_of_date) AS as_of_date
  FROM fx_spot
  ${options.except === undefined ? sql.fragment`` : sql.fragment`WHERE snapshot_id <> ${options.except}`}
  GROUP BY snapshot_id
  HAVING max(as_of_date) ${options.before ? sql.fragment`<` : sql.fragment`<=`} ${date}::date
  ORDER BY max(as_of_date) DESC, max(created_at) DESC, snapshot_id DESC
`;

/**
 * The FX snapshot in force on `date`: the one with the latest as-of date on or before it (ties: the most recently
 * written, then the greatest snapshot id). NotFoundError when no snapshot is that old.
 */
export async function fxSnapshotIdAsOf(connection: DatabaseConnection, date: string): Promise<string> {
  const asOf = parseInput(isoDateInput, date, 'FX as-of date');
  const id = await connection.maybeOneFirst(sql.type(z.object({ snapshot_id: z.string() }))`
    SELECT snapshot_id FROM (${fxSnapshotsInForce(asOf)} LIMIT 1) AS in_force
  `);
  if (id === null)
    throw new NotFoundError('FX snapshot', `as of ${asOf}`, `No FX snapshot has an as-of date on or before ${asOf}`);
  return id;
}
