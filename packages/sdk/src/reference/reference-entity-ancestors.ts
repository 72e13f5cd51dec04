import { sql } from 'slonik';
import { z } from 'zod';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { referenceDataRowSchema, type ReferenceDataRow } from '../schemas/reference-data.js';

const ancestorRowSchema = referenceDataRowSchema.extend({ depth: z.number() });

/**
 * The parent chain of an entity (issuer → parent issuer → …), nearest parent first, ending at the ultimate parent.
 * Empty for an entity without parent.
 */
export async function referenceEntityAncestors(
  connection: DatabaseConnection,
  entityId: string,
): Promise<ReferenceDataRow[]> {
  const rows = await connection.any(sql.type(ancestorRowSchema)`
    WITH RECURSIVE chain AS (
      SELECT parent.*, 1 AS depth
      FROM reference_data child JOIN reference_data parent ON parent.entity_id = child.parent_entity_id
      WHERE child.entity_id = ${entityId}
      UNION ALL
      SELECT parent.*, chain.depth + 1
      FROM chain JOIN reference_data parent ON parent.entity_id = chain.parent_entity_id
      WHERE chain.depth < 100
    )
    SELECT * FROM chain ORDER BY depth
  `);
  return rows.map(({ depth: _depth, ...row }) => row);
}
