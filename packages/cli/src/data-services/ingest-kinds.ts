import {
  defaultMaxCsvFileBytes,
  defaultMaxJsonFileBytes,
  ingestLoansFile,
  ingestMarketDataFile,
  ingestPositionsFile,
  type FileBatchOptions,
  type FileBatchResult,
  type IprsPool,
} from '@iprs/sdk';

export type Ingestion = (pool: IprsPool, options: FileBatchOptions) => Promise<FileBatchResult>;

export interface IngestKind {
  readonly name: 'positions' | 'loans' | 'market-data';
  readonly description: string;
  readonly ingest: Ingestion;
  readonly defaultMaxFileBytes: number;
}

/** The files `iprs ingest` takes, by subcommand name. */
export const ingestKinds: readonly IngestKind[] = [
  {
    name: 'positions',
    description: 'a POSITION_UPLOAD CSV (position_id, portfolio_node_id, instrument_id, quantity, base_ccy, …)',
    ingest: ingestPositionsFile,
    defaultMaxFileBytes: defaultMaxCsvFileBytes,
  },
  {
    name: 'loans',
    description:
      'a LOAN_SERVICING CSV (loan_id, name, currency, portfolio_node_id, position_id, outstanding_principal, …)',
    ingest: ingestLoansFile,
    defaultMaxFileBytes: defaultMaxCsvFileBytes,
  },
  {
    name: 'market-data',
    description: 'a MARKET_DATA JSON file: {"feeds": [{feed_type, as_of_date, source, payload}, …]}',
    ingest: ingestMarketDataFile,
    defaultMaxFileBytes: defaultMaxJsonFileBytes,
  },
];
