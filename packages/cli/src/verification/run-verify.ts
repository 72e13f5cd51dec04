import { verifySchema, type VerificationReport } from '@iprs/conformance/core';
import { connectToTarget, manifests } from '@iprs/schema';
import { ExitCode } from '../cli-error.js';
import type { VerifyCommandOptions } from '../commands/verify.js';
import { asCliError } from '../database-errors.js';
import { resolveSchemaOn } from '../database-schema.js';
import { describeTarget, resolveDatabaseUrl } from '../database-target.js';
import { releaseManifest } from '../release-manifest.js';
import { stdoutWantsColor } from '../terminal-colors.js';
import { renderReport } from './render-report.js';
import { sdkContractCheck } from './sdk-contract-check.js';
import { writeReportFile } from './write-report-file.js';

/** `iprs verify`: resolves to its exit code. */
export async function verify(options: VerifyCommandOptions): Promise<number> {
  const release = releaseManifest(options.release).release;
  // The SDK's row schemas describe the newest release; against an older one they would only report its absence.
  const newest = release === manifests.at(-1)?.release;
  const target = await resolveDatabaseUrl(options);
  let report: VerificationReport;
  try {
    // One session for the schema lookup and the verification: each connection costs a login.
    const client = await connectToTarget(target.url, 'iprs-verify');
    try {
      // Without --schema, the schema migrate and status use: the first of the connection's search_path.
      const schema = (await resolveSchemaOn(client, options.schema)) ?? 'public';
      report = await verifySchema(client, {
        release: options.release,
        strict: options.strict,
        probes: options.probes,
        reapply: options.reapply,
        checkGrants: options.grants,
        schema,
        extraChecks: newest ? [sdkContractCheck({ strict: options.strict })] : [],
      });
    } finally {
      await client.end();
    }
  } catch (error) {
    throw asCliError(error, target);
  }
  const color = options.output === undefined && stdoutWantsColor();
  const rendered = await renderReport(report, options.format, { color, verbose: options.all });
  if (options.output === undefined) {
    process.stdout.write(rendered);
  } else {
    await writeReportFile(options.output, rendered);
    const { summary } = report;
    process.stdout.write(
      `${report.conforms ? 'conforms' : 'does NOT conform'} to release ${report.release}: ${summary.checks} checks, ` +
        `${summary.failed} failed, ${summary.warned} warned, ${summary.skipped} skipped; ${options.format} report in ` +
        `${options.output} (database: ${describeTarget(target)})\n`,
    );
  }
  return report.conforms ? ExitCode.success : ExitCode.checkFailed;
}
