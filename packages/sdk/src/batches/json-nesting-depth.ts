/**
 * Deepest nesting of arrays and objects a file may hold (a market-data document, a tags cell): validating, hashing and
 * storing JSON recurse, and 200 000 nested arrays overflow the stack. Real files nest a handful of levels.
 */
export const maxJsonNestingDepth = 64;

/** How deep arrays and objects nest in a parsed JSON value, walked without recursion; stops counting past the maximum. */
export function jsonNestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    deepest = Math.max(deepest, next.depth + 1);
    if (deepest > maxJsonNestingDepth) return deepest;
    for (const item of Object.values(next.value)) pending.push({ value: item, depth: next.depth + 1 });
  }
  return deepest;
}
