import {
  formatReport,
  reportFormats,
  verifySchema,
  type ReportFormat,
  type VerificationReport,
} from '@iprs/conformance';
import { connectToTarget, manifestForRelease, manifests, UnknownReleaseError } from '@iprs/schema';
import { Option, type Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import { resolveSchemaOn, schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl } from '../database-target.js';
import { sdkContractCheck } from '../verification/sdk-contract-check.js';
import { writeReportFile } from '../verification/write-report-file.js';
import { stdoutWantsColor } from '../terminal-colors.js';

interface VerifyCommandOptions {
  databaseUrl?: string;
  release?: string;
  format: ReportFormat;
  output?: string;
  strict: boolean;
  probes: boolean;
  reapply: boolean;
  grants: boolean;
  schema?: string;
  all: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'prove the database matches a schema release: catalog vs manifest, release rules, migration ledger, behavioural ' +
        'probes (rolled back) and the SDK contract; exit 0 conforms, 1 violations, 2 could not run',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--release <version>', 'the release to verify against, e.g. 002 (default: the newest)')
    .addOption(new Option('--format <format>', 'report format').choices(reportFormats).default('text'))
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--strict', 'unexpected extra objects (e.g. an index a DBA added) fail instead of warn', false)
    .option('--no-probes', 'skip the behavioural probes (inserts and deletes in a transaction that rolls back)')
    .option('--reapply', 're-run every migration in a rolled-back transaction and prove nothing changes', false)
    .option('--grants', 'also check the iprs roles hold exactly their privileges (see iprs grants)', false)
    .option('--schema <name>', schemaOptionHelp)
    .option('--all', 'text format: list passed checks too', false)
    .action(async (options: VerifyCommandOptions) => {
      process.exitCode = await verify(options);
    });
}

async function verify(options: VerifyCommandOptions): Promise<number> {
  let release: string;
  try {
    release = manifestForRelease(options.release).release;
  } catch (error) {
    if (error instanceof UnknownReleaseError)
      throw new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
    throw error;
  }
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
  const rendered = formatReport(report, options.format, { color, verbose: options.all });
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
