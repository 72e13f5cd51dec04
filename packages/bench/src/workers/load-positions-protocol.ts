import type { DatasetSpec } from '../dataset/dataset-spec.js';

/** `ingest`: the positions CSV at `csvFile` (the same rows) through `iprs ingest positions` (see cli-ingest-positions). */
export type LoadMethod = 'sdk' | 'copy' | 'ingest';

export interface LoadPositionsInput {
  /** The generated rows through the SDK's bulk load, or through one raw COPY. */
  readonly method: Exclude<LoadMethod, 'ingest'>;
  readonly databaseUrl: string;
  readonly spec: DatasetSpec;
}

export interface LoadPositionsResult {
  readonly rows: number;
  /** The load call alone: connecting and process start-up are left out. */
  readonly ms: number;
  /** The child process's peak resident set (Node itself included), from getrusage. */
  readonly peakRssBytes: number;
}

export const loadPositionsWorker = new URL('./load-positions-worker.js', import.meta.url);
