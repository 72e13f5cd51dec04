import { sql } from 'slonik';
import type { DatabaseTransactionConnection } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import { withTransaction } from '../connection/with-transaction.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import {
  referenceDataRowSchema,
  referenceDataUpdateInputSchema,
  type ReferenceDataRow,
  type ReferenceDataUpdateInput,
} from '../schemas/reference-data.js';
import { parseInput } from '../types/parse-input.js';
import { referenceEntityAncestors } from './reference-entity-ancestors.js';
import { referenceIdentifierIssues } from './reference-identifier-issues.js';

/**
 * Changes some fields of an entity. The identifiers of the result are checked as on create, and a new parent that is
 * the entity itself or one of its descendants is refused (parent chains never loop).
 */
export async function updateReferenceEntity(
  connection: DatabaseConnection,
  entityId: string,
  patch: ReferenceDataUpdateInput,
): Promise<ReferenceDataRow> {
  const changes = parseInput(referenceDataUpdateInputSchema, patch, 'reference entity change');
  return withTransaction(connection, async (transaction) => {
    const current = await transaction.maybeOne(
      sql.type(referenceDataRowSchema)`SELECT * FROM reference_data WHERE entity_id = ${entityId} FOR UPDATE`,
    );
    if (current === null) throw new NotFoundError('reference entity', entityId);
    const next = { ...current, ...changes };
    const issues = referenceIdentifierIssues(next);
    if (issues.length > 0) throw new ValidationError(issues, `reference entity ${entityId}`);
    if (changes.parent_entity_id) await refuseParentCycle(transaction, entityId, changes.parent_entity_id);
    return transaction.one(sql.type(referenceDataRowSchema)`
      UPDATE reference_data SET
        entity_type = ${next.entity_type}, name = ${next.name}, ticker = ${next.ticker ?? null},
        cusip = ${next.cusip ?? null}, isin = ${next.isin ?? null}, sector = ${next.sector ?? null},
        geography = ${next.geography ?? null}, currency = ${next.currency ?? null},
        parent_entity_id = ${next.parent_entity_id ?? null}, metadata_json = ${sql.jsonb(next.metadata_json)}
      WHERE entity_id = ${entityId}
      RETURNING *
    `);
  });
}

async function refuseParentCycle(
  transaction: DatabaseTransactionConnection,
  entityId: string,
  parentId: string,
): Promise<void> {
  const chain = [parentId, ...(await referenceEntityAncestors(transaction, parentId)).map((row) => row.entity_id)];
  if (chain.includes(entityId)) {
    throw new ValidationError(
      [{ field: 'parent_entity_id', message: `${parentId} is ${entityId} itself or one of its subsidiaries` }],
      `reference entity ${entityId}`,
    );
  }
}
