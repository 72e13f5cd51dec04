/** Closes every resource even when some fail to close; then rethrows the first failure. */
export async function closeAll(resources: readonly { close(): Promise<void> }[]): Promise<void> {
  const outcomes = await Promise.allSettled(resources.map((resource) => resource.close()));
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
