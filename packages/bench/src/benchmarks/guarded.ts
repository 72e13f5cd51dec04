import type { BenchResult } from '../report/bench-result.js';

/**
 * Runs one benchmark; an exception becomes an `error` result carrying the message (the run goes on with the others
 * and exits non-zero at the end), so one broken comparison does not hide the figures of the rest.
 */
export async function guarded(
  id: string,
  work: string,
  benchmark: () => Promise<BenchResult | BenchResult[]>,
  log: (message: string) => void,
): Promise<BenchResult[]> {
  try {
    const outcome = await benchmark();
    return Array.isArray(outcome) ? outcome : [outcome];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return [{ id, work, verdict: 'error', note: message.split('\n')[0] ?? message }];
  }
}
