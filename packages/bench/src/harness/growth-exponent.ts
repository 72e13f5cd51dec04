import { linearRegression } from 'simple-statistics';

/**
 * The k of time ∝ sizeᵏ, fitted by least squares on log(time) against log(size): 1 is linear, below 1 means fixed
 * costs still dominate at the small sizes, above 1 means it gets worse than linear.
 */
export function growthExponent(points: readonly { readonly size: number; readonly value: number }[]): number {
  if (points.length < 2) throw new RangeError('a growth exponent needs at least two sizes');
  return linearRegression(points.map((point) => [Math.log(point.size), Math.log(point.value)])).m;
}
