import type { ProfileName } from '../profile.js';
import type { DatasetSpec } from '../dataset/dataset-spec.js';
import type { BenchResult } from './bench-result.js';
import type { BenchEnvironment, PostgresDescription } from './environment.js';

/** The machine-readable record of one run, written to bench/results/<date>.json. */
export interface BenchReport {
  /** Bumped when a field changes meaning. */
  readonly format: 1;
  readonly profile: ProfileName;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** How many complete runs the report merges (`--repeat`); absent for one run. */
  readonly repeats?: number;
  /** The comparisons run (`--only`); absent when all ran. */
  readonly only?: readonly string[];
  readonly environment: BenchEnvironment & { readonly loadAverageAtEnd: number };
  readonly postgres: PostgresDescription & { readonly provisionedBy: string };
  readonly dataset: DatasetSpec & { readonly nodes: number; readonly currencies: number };
  readonly results: readonly BenchResult[];
}
