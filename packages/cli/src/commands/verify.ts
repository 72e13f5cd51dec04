import { reportFormats, type ReportFormat } from '@iprs/conformance/core';
import { Option, type Command } from 'commander';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp } from '../database-target.js';

export interface VerifyCommandOptions {
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
      // Imported here: the SDK's row schemas (zod) that the contract check needs load for verify alone.
      const { verify } = await import('../verification/run-verify.js');
      process.exitCode = await verify(options);
    });
}
