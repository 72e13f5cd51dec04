/** The shape of the generated data; everything else follows from it and the seed. */
export interface DatasetSpec {
  readonly seed: number;
  readonly instrumentCount: number;
  /** Children per node at every level: funds, desks per fund, books per desk, strategies per book. */
  readonly fanOut: number;
  readonly positionCount: number;
  readonly fxSnapshotCount: number;
}

/** The dataset: 100k instruments, 10 × 10 × 10 × 10 hierarchy (11,110 nodes), 1M positions, FX snapshots. */
export const fullDataset: DatasetSpec = {
  seed: 20_250_601,
  instrumentCount: 100_000,
  fanOut: 10,
  positionCount: 1_000_000,
  fxSnapshotCount: 4,
};

export function withPositionCount(spec: DatasetSpec, positionCount: number): DatasetSpec {
  return { ...spec, positionCount };
}
