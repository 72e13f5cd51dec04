import { withClient } from '@iprs/schema/internal';
import {
  fxSpotColumns,
  fxSpotLines,
  instrumentColumns,
  instrumentLines,
  nodeColumns,
  nodeLines,
} from './copy-lines.js';
import { copyRows } from './copy-rows.js';
import type { DatasetSpec } from './dataset-spec.js';
import { generateFxSpots } from './generate-fx-spots.js';
import { generateInstruments } from './generate-instruments.js';
import { generateNodes } from './generate-nodes.js';

export interface ReferenceDataCounts {
  readonly instruments: number;
  readonly nodes: number;
  readonly fxSpots: number;
}

/** Loads instruments, the portfolio hierarchy and the FX snapshots in one transaction (setup, never timed). */
export async function seedReferenceData(databaseUrl: string, spec: DatasetSpec): Promise<ReferenceDataCounts> {
  return withClient(databaseUrl, async (client) => {
    try {
      await client.query('BEGIN');
      const instruments = await copyRows(
        client,
        'instrument',
        instrumentColumns,
        instrumentLines(generateInstruments(spec)),
      );
      const nodes = await copyRows(client, 'portfolio_node', nodeColumns, nodeLines(generateNodes(spec)));
      const fxSpots = await copyRows(client, 'fx_spot', fxSpotColumns, fxSpotLines(generateFxSpots(spec)));
      await client.query('COMMIT');
      await client.query('ANALYZE instrument, portfolio_node, fx_spot');
      return { instruments, nodes, fxSpots };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
