import { fullDataset, withPositionCount, type DatasetSpec } from './dataset/dataset-spec.js';

export type ProfileName = 'full' | 'quick' | 'scale';

/** How much work a run does: the full comparison, a ~1-minute smoke run for CI, or the 10M-position scale run. */
export interface BenchProfile {
  readonly name: ProfileName;
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

const fullProfile: BenchProfile = {
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
  reuploadDays: 1,
  verifyRounds: 1,
};

/**
 * Load and rollups up to 10M positions (100k → 1M → 10M), for the growth exponents beyond 1M. Hours, not minutes, on
 * 2 cores: never in CI. The daily re-upload scenario is left out (five upserts of 10M rows measure nothing new).
 */
const scaleProfile: BenchProfile = {
  ...shared,
  name: 'scale',
  dataset: withPositionCount(fullDataset, 10_000_000),
  scalingSizes: [100_000, 1_000_000, 10_000_000],
  loadRounds: 1,
  rollupRounds: 5,
  rollupWarmupRounds: 1,
  lookupRounds: 2,
  lookupsPerRound: 20_000,
  migrationRounds: 3,
  verifyRounds: 1,
  reuploadDays: 0,
};

export const profiles: Readonly<Record<ProfileName, BenchProfile>> = {
  full: fullProfile,
  quick: quickProfile,
  scale: scaleProfile,
};
