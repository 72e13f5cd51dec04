import { describe, expect, it } from 'vitest';
import { SeenIds } from '../src/batches/seen-ids.js';

describe('SeenIds: the exact, compact set of ids an ingest has seen', () => {
  it('agrees with a Set over 200 000 ids with repeats, through many resizes', () => {
    const seen = new SeenIds();
    const reference = new Set<string>();
    let state = 7;
    for (let index = 0; index < 200_000; index += 1) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      const id = `POS-${String(state % 150_000).padStart(7, '0')}`;
      expect(seen.add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(seen.size).toBe(reference.size);
    for (const id of ['POS-0000000', 'POS-0149999', 'POS-0150000', 'POS-1'])
      expect(seen.has(id)).toBe(reference.has(id));
  });

  it('tells apart ids that differ only in length, case, accents or trailing bytes', () => {
    const seen = new SeenIds();
    const ids = ['a', 'aa', 'A', 'é', 'e\u0301', 'ab', 'a\u0000', '日本', '日本語', '🙂', ' a', 'a '];
    for (const id of ids) expect(seen.add(id)).toBe(true);
    for (const id of ids) expect([id, seen.add(id)]).toEqual([id, false]);
    expect(seen.size).toBe(ids.length);
    expect(seen.has('b')).toBe(false);
  });

  it('keeps ids longer than its scratch space and refuses one beyond 65 535 bytes', () => {
    const seen = new SeenIds();
    const long = 'x'.repeat(5_000);
    expect(seen.add(long)).toBe(true);
    expect(seen.has(`${long}y`)).toBe(false);
    expect(seen.add(long)).toBe(false);
    expect(() => seen.add('é'.repeat(40_000))).toThrow(/80000 bytes is longer than 65535/u);
  });

  it('holds a million 11-character ids in a fraction of what a Set of strings takes', () => {
    const seen = new SeenIds();
    for (let index = 0; index < 1_000_000; index += 1) seen.add(`POS-${String(index).padStart(7, '0')}`);
    expect(seen.size).toBe(1_000_000);
    // 13 bytes per id in the buffer (after doubling, at most 2× that) plus 4 bytes per slot at ≤ 50 % load.
    const bytes =
      (seen as unknown as { bytes: Buffer }).bytes.length +
      (seen as unknown as { slots: Uint32Array }).slots.byteLength;
    expect(bytes).toBeLessThan(45 * 1024 * 1024);
  });
});
