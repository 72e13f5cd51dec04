import { formatText, summarise, verifySchema, type VerificationReport } from '@iprs/conformance/core';
import { adoptRelease, type AdoptResult } from '@iprs/schema';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl } from '../database-target.js';
import { releaseManifest } from '../release-manifest.js';
import { stdoutWantsColor } from '../terminal-colors.js';

interface AdoptCommandOptions {
  databaseUrl?: string;
  release?: string;
  schema?: string;
}

export function registerAdopt(program: Command): void {
  program
    .command('adopt')
    .description(
      'start tracking a database built without the ledger (e.g. psql -f of the shipped files): verify it against the ' +
        'release and only if it conforms record its migrations as applied, running none; exit 0 adopted, 1 does not ' +
        'conform (findings printed, nothing written), 2 a ledger already exists or it could not run',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--release <version>', 'the release the database was built to, e.g. 002 (default: the newest)')
    .option('--schema <name>', schemaOptionHelp)
    .action(async (options: AdoptCommandOptions) => {
      const release = releaseManifest(options.release).release;
      const target = await resolveDatabaseUrl(options);
      process.stdout.write(`database: ${describeTarget(target)}\n`);
      let result: AdoptResult;
      try {
        result = await adoptRelease(target.url, {
          release,
          ...(options.schema === undefined ? {} : { schema: options.schema }),
          checkCatalog: async (schema) => {
            const report = withoutLedgerChecks(await verifySchema(target.url, { release, schema, probes: false }));
            if (report.conforms) return;
            process.stdout.write(formatText(report, { color: stdoutWantsColor() }));
            throw new CliError(
              `not adopted: schema ${schema} does not conform to release ${release} (findings above); nothing was ` +
                'written. Fix the differences, or adopt the release it was built to (--release) and migrate from there.',
              ExitCode.checkFailed,
            );
          },
        });
      } catch (error) {
        throw asCliError(error, target);
      }
      process.stdout.write(
        `schema ${result.schema} conforms to release ${result.release}; recorded in ${result.ledger}:\n`,
      );
      for (const migration of result.recorded) {
        process.stdout.write(`  ${migration.version}_${migration.name} sha256 ${migration.checksum}\n`);
      }
      process.stdout.write(
        `adopted: ${result.recorded.length} migration(s) recorded as applied, none run; \`iprs status\` shows them\n`,
      );
    });
}

/** The report without its ledger checks: before adoption there is no ledger, which is the point. */
function withoutLedgerChecks(report: VerificationReport): VerificationReport {
  const checks = report.checks.filter((check) => check.category !== 'ledger');
  const summary = summarise(checks);
  return { ...report, checks, summary, conforms: summary.failed === 0 };
}
