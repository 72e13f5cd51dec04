import { bulkLoadPositions, createPool, type PositionInput } from '@iprs/sdk';
import type { PositionRow } from '../dataset/generate-positions.js';
import { elapsedMs } from '../harness/elapsed.js';

function* asPositionInputs(rows: Iterable<PositionRow>): Generator<PositionInput> {
  for (const row of rows) {
    yield {
      position_id: row.positionId,
      portfolio_node_id: row.nodeId,
      instrument_id: row.instrumentId,
      quantity: row.quantity,
      base_ccy: row.baseCcy,
      cost_basis: row.costBasis,
      book_value: row.bookValue,
      status: row.status,
    };
  }
}

/** The SDK's bulk load with its defaults, streaming the generated rows; the pool is opened before timing starts. */
export async function sdkLoadPositions(
  databaseUrl: string,
  rows: Iterable<PositionRow>,
): Promise<{ rows: number; ms: number }> {
  const pool = await createPool({ connectionString: databaseUrl, maxPoolSize: 1 });
  try {
    let loaded = 0;
    const ms = await elapsedMs(async () => {
      loaded = (await bulkLoadPositions(pool, asPositionInputs(rows))).rows;
    });
    return { rows: loaded, ms };
  } finally {
    await pool.close();
  }
}
