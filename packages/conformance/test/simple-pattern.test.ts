import { manifestForRelease } from '@iprs/schema';
import { describe, expect, it } from 'vitest';
import { compileSimplePattern, generateSimple } from '../src/probes/simple-pattern.js';

const generate = (pattern: string) => {
  const pieces = compileSimplePattern(pattern);
  if (!pieces) throw new Error(`${pattern} was not compiled`);
  return Array.from({ length: 2000 }, () => generateSimple(pieces));
};

describe('simple patterns, generated without randexp', () => {
  it('covers every regular-expression CHECK of the newest release, and each value matches its pattern', () => {
    const patterns = manifestForRelease().schema.tables.flatMap((table) =>
      table.checks.flatMap((check) => /~ '((?:[^']|'')*)'/.exec(check.expression)?.[1] ?? []),
    );
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) {
      const check = new RegExp(pattern);
      expect(
        generate(pattern).filter((value) => !check.test(value)),
        pattern,
      ).toEqual([]);
    }
  });

  it('draws every character of a class and every length of a range', () => {
    const values = generate('^[A-C0-1x]{1,3}-?\\.$');
    expect(new Set(values.join('').replace(/[-.]/g, ''))).toEqual(new Set(['A', 'B', 'C', '0', '1', 'x']));
    expect(new Set(values.map((value) => value.replace(/-?\.$/, '').length))).toEqual(new Set([1, 2, 3]));
    expect(values.some((value) => value.endsWith('-.'))).toBe(true);
    expect(values.every((value) => /^[A-C01x]{1,3}-?\.$/.test(value))).toBe(true);
    // Distinct enough to stand in for random keys.
    expect(new Set(generate('^[0-9a-f]{16}$')).size).toBe(2000);
  });

  it('leaves every other shape to randexp', () => {
    for (const pattern of [
      '[A-Z]{3}',
      '^[A-Z]{3}',
      '^[^A-Z]{3}$',
      '^(AB|CD)$',
      '^A+$',
      '^A*$',
      '^A{2,}$',
      '^.{3}$',
      '^\\d{3}$',
      '^[A-Z\\]]$',
      '^[Z-A]$',
      '^A{3,1}$',
      '^A\\$',
    ]) {
      expect(compileSimplePattern(pattern), pattern).toBeNull();
    }
  });
});
