import { formatText, verifySchema } from '@iprs/conformance/core';
import { resolveSchema } from '../database-schema.js';
import { sdkContractCheck } from '../verification/sdk-contract-check.js';
import { stdoutWantsColor } from '../terminal-colors.js';

/**
 * The verify step of `iprs demo`: what `iprs verify` runs with its defaults (the newest release, behavioural probes in
 * rolled-back transactions, the SDK contract), printed as its text report. Resolves true when the database conforms.
 */
export async function verifyDemoDatabase(
  connectionString: string,
  write: (text: string) => void,
  schemaOption?: string,
): Promise<boolean> {
  const schema = (await resolveSchema(connectionString, schemaOption)) ?? 'public';
  const report = await verifySchema(connectionString, {
    schema,
    extraChecks: [sdkContractCheck({ strict: false })],
  });
  write(formatText(report, { color: stdoutWantsColor() }));
  return report.conforms;
}
