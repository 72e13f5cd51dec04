import type { JsonValue } from '../report/finding.js';

/** One property whose expected and actual values differ. */
export interface PropertyDifference {
  readonly property: string;
  readonly expected: JsonValue;
  readonly actual: JsonValue;
  /** What the difference means, when more useful than "expected X, actual Y". */
  readonly explanation?: string;
}

/** Compares the listed properties by value (deep for arrays and objects) and returns those that differ. */
export function differingProperties<T extends object>(
  expected: T,
  actual: T,
  properties: readonly (keyof T & string)[],
): PropertyDifference[] {
  return properties.flatMap((property) => {
    const want = expected[property] as JsonValue;
    const have = actual[property] as JsonValue;
    return sameValue(want, have) ? [] : [{ property, expected: want, actual: have }];
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
