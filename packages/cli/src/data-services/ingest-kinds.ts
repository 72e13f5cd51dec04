import type { FileBatchOptions, FileBatchResult, IprsPool } from '@iprs/sdk';
import { defaultMaxCsvFileBytes, defaultMaxJsonFileBytes } from '@iprs/sdk/ingest-file';

export type Ingestion = (pool: IprsPool, options: FileBatchOptions) => Promise<FileBatchResult>;

export interface IngestKind {
  readonly name: 'positions' | 'loans' | 'market-data';
  readonly description: string;
  readonly ingest: Ingestion;
  readonly defaultMaxFileBytes: number;
}

/**
 * The files `iprs ingest` takes, by subcommand name. Each command registers these at start-up, so the SDK's data access
 * is imported only when a file is ingested.
 */
export const ingestKinds: readonly IngestKind[] = [
  {
    name: 'positions',
    description: 'a POSITION_UPLOAD CSV (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, …)',
    ingest: async (pool, options) => (await import('@iprs/sdk')).ingestPositionsFile(pool, options),
    defaultMaxFileBytes: defaultMaxCsvFileBytes,
  },
  {
    name: 'loans',
    description:
      'a LOAN_SERVICING CSV (loan_id, name, currency, portfolio_node_id, position_id, outstanding_principal, …)',
    ingest: async (pool, options) => (await import('@iprs/sdk')).ingestLoansFile(pool, options),
    defaultMaxFileBytes: defaultMaxCsvFileBytes,
  },
  {
    name: 'market-data',
    description: 'a MARKET_DATA JSON file: {"feeds": [{feed_type, as_of_date, source, payload}, …]}',
    ingest: async (pool, options) => (await import('@iprs/sdk')).ingestMarketDataFile(pool, options),
    defaultMaxFileBytes: defaultMaxJsonFileBytes,
  },
];
