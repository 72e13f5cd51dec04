import { max, median, min } from 'simple-statistics';

/** Repeated measurements of one quantity; the median is the figure, min and max show the noise. */
export interface Summary {
  readonly runs: readonly number[];
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export function summarize(runs: readonly number[]): Summary {
  if (runs.length === 0) throw new RangeError('cannot summarise zero runs');
  return { runs: [...runs], min: min([...runs]), median: median([...runs]), max: max([...runs]) };
}
