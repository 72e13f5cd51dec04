import { sql } from 'slonik';
import type { DatabaseConnection } from '../connection/database-connection.js';
import {
  dataLineageCreateInputSchema,
  dataLineageRowSchema,
  type DataLineageCreateInput,
  type DataLineageRow,
} from '../schemas/data-lineage.js';
import { parseInput } from '../types/parse-input.js';

/** Appends one lineage record: where data came from, the ordered steps applied to it and whether it passed its checks. */
export async function recordLineage(
  connection: DatabaseConnection,
  input: DataLineageCreateInput,
): Promise<DataLineageRow> {
  const lineage = parseInput(dataLineageCreateInputSchema, input, 'lineage record');
  return connection.one(sql.type(dataLineageRowSchema)`
    INSERT INTO data_lineage
      (lineage_id, feed_type, feed_id, source_system, source_identifier, ingested_at, transformation_chain,
       quality_checks_passed, metadata_json)
    VALUES (
      ${lineage.lineage_id}, ${lineage.feed_type}, ${lineage.feed_id}, ${lineage.source_system},
      ${lineage.source_identifier ?? null},
      ${lineage.ingested_at ? sql.timestamp(lineage.ingested_at) : sql.fragment`now()`},
      ${sql.array(lineage.transformation_chain, 'text')}, ${lineage.quality_checks_passed},
      ${sql.jsonb(lineage.metadata_json)}
    )
    RETURNING *
  `);
}
