/**
 * Going back to the savepoint before the next probe failed: the connection or the probe transaction is gone, so no
 * later probe can run. It carries no SQLSTATE of its own, so probes pass it on instead of taking it for a rejection.
 */
export class ProbeTransactionLostError extends Error {
  constructor(cause: unknown) {
    super('the probe transaction was lost', { cause });
    this.name = 'ProbeTransactionLostError';
  }
}
