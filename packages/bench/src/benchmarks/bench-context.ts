import type { BenchServer } from '../database/bench-server.js';
import type { DatasetSpec } from '../dataset/dataset-spec.js';
import type { BenchProfile } from '../profile.js';

export interface BenchContext {
  readonly profile: BenchProfile;
  readonly server: BenchServer;
  /** The database holding the generated dataset, migrated and seeded with reference data. */
  readonly databaseUrl: string;
  readonly spec: DatasetSpec;
  readonly log: (message: string) => void;
}
