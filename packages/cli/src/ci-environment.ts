/**
 * Whether the `CI` environment variable is set the way CI services set it: any non-empty value except "false" and "0"
 * (case-insensitive), so that `CI=false` on a developer machine keeps the local defaults.
 */
export function runningInCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
