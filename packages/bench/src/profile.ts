import { fullDataset, withPositionCount, type DatasetSpec } from './dataset/dataset-spec.js';

/** How much work a run does: the full comparison, or a ~1-minute smoke run for CI. */
export interface BenchProfile {
  readonly name: 'full' | 'quick';
  /** The dataset at its largest size; positions are loaded at each of `scalingSizes` in turn, ending at this one. */
  readonly dataset: DatasetSpec;
  /** Ascending position counts; the last equals `dataset.positionCount`. */
  readonly scalingSizes: readonly number[];
  readonly loadRounds: number;
  readonly rollupRounds: number;
  readonly rollupWarmupRounds: number;
  readonly lookupRounds: number;
  /** Primary-key lookups per round and side. */
  readonly lookupsPerRound: number;
  readonly lookupConcurrency: number;
  readonly lookupPoolSize: number;
  readonly migrationRounds: number;
  /** Days of the daily re-upload scenario (the whole book upserted again, 1–5 % changed a day). */
  readonly reuploadDays: number;
  readonly verifyRounds: number;
}

const shared = { lookupConcurrency: 100, lookupPoolSize: 10 } as const;

export const fullProfile: BenchProfile = {
  ...shared,
  name: 'full',
  dataset: fullDataset,
  scalingSizes: [10_000, 100_000, 1_000_000],
  loadRounds: 3,
  rollupRounds: 15,
  rollupWarmupRounds: 3,
  lookupRounds: 5,
  lookupsPerRound: 20_000,
  migrationRounds: 10,
  reuploadDays: 5,
  verifyRounds: 5,
};

/** Same shapes, a tenth of the positions and few rounds: proves every path works; its ratios are indicative only. */
export const quickProfile: BenchProfile = {
  ...shared,
  name: 'quick',
  dataset: withPositionCount(fullDataset, 100_000),
  scalingSizes: [10_000, 100_000],
  loadRounds: 1,
  rollupRounds: 5,
  rollupWarmupRounds: 1,
  lookupRounds: 2,
  lookupsPerRound: 3_000,
  migrationRounds: 3,
  reuploadDays: 2,
  verifyRounds: 1,
};
