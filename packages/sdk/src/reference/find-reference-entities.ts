import { sql, type SqlToken } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { ENTITY_TYPES } from '../schemas/enums.js';
import { referenceDataRowSchema, type ReferenceDataRow } from '../schemas/reference-data.js';
import { parseInput } from '../types/parse-input.js';

const referenceEntitySearchSchema = z
  .strictObject({
    entity_type: z.enum(ENTITY_TYPES).optional(),
    ticker: z.string().min(1).optional(),
    cusip: z.string().min(1).optional(),
    isin: z.string().min(1).optional(),
    /** Case-insensitive substring of the name. */
    name: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(10_000).default(100),
  })
  .refine((search) => Object.keys(search).some((key) => key !== 'limit'), {
    error: 'give at least one of entity_type, ticker, cusip, isin or name',
  });
export type ReferenceEntitySearch = z.input<typeof referenceEntitySearchSchema>;

/** Entities matching every given criterion (ticker, CUSIP and ISIN exactly; name as a substring), by name. */
export async function findReferenceEntities(
  connection: DatabaseConnection,
  search: ReferenceEntitySearch,
): Promise<readonly ReferenceDataRow[]> {
  const criteria = parseInput(referenceEntitySearchSchema, search, 'reference entity search');
  const conditions: SqlToken[] = [];
  if (criteria.entity_type) conditions.push(sql.fragment`entity_type = ${criteria.entity_type}`);
  if (criteria.ticker) conditions.push(sql.fragment`ticker = ${criteria.ticker}`);
  if (criteria.cusip) conditions.push(sql.fragment`cusip = ${criteria.cusip}`);
  if (criteria.isin) conditions.push(sql.fragment`isin = ${criteria.isin}`);
  if (criteria.name) {
    const pattern = `%${criteria.name.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(sql.fragment`name ILIKE ${pattern}`);
  }
  return connection.any(sql.type(referenceDataRowSchema)`
    SELECT * FROM reference_data
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY name, entity_id
    LIMIT ${criteria.limit}
  `);
}
