import type { z } from 'zod';
import { dataLineageRowSchema } from './data-lineage.js';
import { fxSpotRowSchema } from './fx-spot.js';
import { ingestionBatchRowSchema } from './ingestion-batch.js';
import { instrumentRowSchema } from './instrument.js';
import { marketDataFeedRowSchema } from './market-data-feed.js';
import { portfolioNodeRowSchema } from './portfolio-node.js';
import { portfolioSnapshotRowSchema } from './portfolio-snapshot.js';
import { positionRowSchema } from './position.js';
import { ratingHistoryRowSchema } from './rating-history.js';
import { referenceDataRowSchema } from './reference-data.js';
import { runRowSchema } from './run.js';
import { valuationResultRowSchema } from './valuation-result.js';

export interface TableContract {
  readonly table: string;
  readonly release: '001' | '002';
  readonly rowSchema: z.ZodObject;
}

/** Every table of releases 001 and 002 with the row schema the SDK reads it through. */
export const tableContracts: readonly TableContract[] = [
  { table: 'instrument', release: '001', rowSchema: instrumentRowSchema },
  { table: 'run', release: '001', rowSchema: runRowSchema },
  { table: 'valuation_result', release: '001', rowSchema: valuationResultRowSchema },
  { table: 'portfolio_node', release: '002', rowSchema: portfolioNodeRowSchema },
  { table: 'position', release: '002', rowSchema: positionRowSchema },
  { table: 'portfolio_snapshot', release: '002', rowSchema: portfolioSnapshotRowSchema },
  { table: 'reference_data', release: '002', rowSchema: referenceDataRowSchema },
  { table: 'rating_history', release: '002', rowSchema: ratingHistoryRowSchema },
  { table: 'fx_spot', release: '002', rowSchema: fxSpotRowSchema },
  { table: 'market_data_feed', release: '002', rowSchema: marketDataFeedRowSchema },
  { table: 'data_lineage', release: '002', rowSchema: dataLineageRowSchema },
  { table: 'ingestion_batch', release: '002', rowSchema: ingestionBatchRowSchema },
];
