/**
 * Calls `task` once per item with at most `concurrency` calls in flight (each worker takes the next item as soon as
 * its previous call settles), and resolves to how many calls returned true. The first rejection rejects the whole run.
 */
export async function runConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<boolean>,
): Promise<number> {
  let next = 0;
  let succeeded = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      if (await task(item)) succeeded += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return succeeded;
}
