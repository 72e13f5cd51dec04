import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A deterministic random source: the same seed always yields the same sequence, on every machine. */
export interface SeededRandom {
  /** An integer in [from, to], both included. */
  int(from: number, to: number): number;
  pick<T>(items: readonly T[]): T;
  /** A shuffled permutation of 0 … size-1 (Fisher–Yates). */
  permutation(size: number): Uint32Array;
}

export function createSeededRandom(seed: number): SeededRandom {
  const generator = xoroshiro128plus(seed);
  const int = (from: number, to: number): number => uniformInt(generator, from, to);
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    permutation(size) {
      const order = new Uint32Array(size);
      for (let index = 0; index < size; index += 1) order[index] = index;
      for (let index = size - 1; index > 0; index -= 1) {
        const other = int(0, index);
        const held = order[index] as number;
        order[index] = order[other] as number;
        order[other] = held;
      }
      return order;
    },
  };
}
