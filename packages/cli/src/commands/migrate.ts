import { loadExpressionParser, sameMeaning } from '@iprs/conformance/core';
import { LEDGER_TABLE, migrate, planMigrations, type MigrationPlan, type MigrationSourceOptions } from '@iprs/schema';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl, type DatabaseTarget } from '../database-target.js';

interface MigrateCommandOptions extends HistoryOptions {
  databaseUrl?: string;
  to?: string;
  dryRun: boolean;
}

/** `--schema`, `--migrations` and `--ledger`, shared by migrate and status. */
export interface HistoryOptions {
  schema?: string;
  migrations?: string;
  ledger?: string;
}

export interface ApplyMigrationsOptions extends HistoryOptions {
  to?: string;
}

type Write = (text: string) => void;

export function registerMigrate(program: Command): void {
  const command = program
    .command('migrate')
    .description(
      'apply the pending schema migrations, each in its own transaction, printing the plan first; refuses to run when ' +
        'an applied one was edited or is unknown; exit 0 applied or nothing to do, 1 refused or failed, 2 could not run',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--to <version>', 'apply only up to and including this version, e.g. 001')
    .option('--dry-run', 'print the pending migrations with their checksums and SQL; apply and write nothing', false);
  addHistoryOptions(command).action(async (options: MigrateCommandOptions) => {
    const target = await resolveDatabaseUrl(options);
    if (options.dryRun) await printPlan(target, options);
    else await applyMigrations(target, options);
  });
}

/** Adds `--schema`, `--migrations` and `--ledger` to migrate or status. */
export function addHistoryOptions(command: Command): Command {
  return command
    .option('--schema <name>', `${schemaOptionHelp}; migrate creates it when missing`)
    .option('--migrations <dir>', "your own NNN_name.sql migrations instead of iprs's (with --ledger)")
    .option('--ledger <name>', 'the ledger table recording --migrations, beside iprs_schema_migrations');
}

/** The library options for `--schema`, `--migrations` and `--ledger`; a directory without a ledger is refused. */
export function historyOptionsOf(options: HistoryOptions): MigrationSourceOptions {
  if (options.migrations !== undefined && options.ledger === undefined) {
    throw new CliError(
      '--migrations needs --ledger NAME: your migrations are recorded in a ledger of their own, never mixed with ' +
        "iprs's iprs_schema_migrations",
      ExitCode.usageOrConnection,
    );
  }
  if (options.migrations !== undefined && options.ledger === LEDGER_TABLE) {
    throw new CliError(
      `--ledger ${LEDGER_TABLE} is iprs's own ledger: give your migrations a ledger of their own`,
      ExitCode.usageOrConnection,
    );
  }
  return {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
    ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
  };
}

/** Applies the pending migrations to `target`, printing the plan first and then each one; shared with `iprs demo`. */
export async function applyMigrations(
  target: DatabaseTarget,
  options: ApplyMigrationsOptions = {},
  write: Write = (text) => process.stdout.write(text),
): Promise<void> {
  const history = historyOptionsOf(options);
  write(`database: ${describeTarget(target)}\n`);
  let result;
  try {
    result = await migrate(target.url, {
      ...history,
      ...(options.to === undefined ? {} : { to: options.to }),
      // A pre-existing table is judged as `iprs verify` judges it: a default or CHECK spelled otherwise still conforms.
      loadSameExpression: async () => {
        await loadExpressionParser();
        return sameMeaning;
      },
      onPlan: (plan) => {
        if (plan.pending.length > 0) write(`${describePlanHead(plan)}\n`);
        for (const migration of plan.pending)
          write(`  will apply ${migration.filename} sha256 ${migration.checksum}\n`);
      },
    });
  } catch (error) {
    throw asCliError(error, target);
  }
  for (const migration of result.applied) {
    write(`applied ${migration.version}_${migration.name} (${migration.executionMs} ms)\n`);
  }
  const already = result.alreadyApplied.length;
  write(
    result.applied.length > 0
      ? `${result.applied.length} migration(s) applied, ${already} already applied before\n`
      : `nothing to apply: ${already} migration(s) already applied\n`,
  );
}

/** `iprs migrate --dry-run`: the plan with each pending file's checksum and SQL; nothing is written. */
async function printPlan(
  target: DatabaseTarget,
  options: MigrateCommandOptions,
  write: Write = (text) => process.stdout.write(text),
) {
  const history = historyOptionsOf(options);
  write(`database: ${describeTarget(target)}\n`);
  let plan: MigrationPlan;
  try {
    plan = await planMigrations(target.url, { ...history, ...(options.to === undefined ? {} : { to: options.to }) });
  } catch (error) {
    throw asCliError(error, target);
  }
  write(`${describePlanHead(plan)}\n`);
  for (const migration of plan.pending) write(`  ${migration.filename} sha256 ${migration.checksum}\n`);
  for (const migration of plan.pending) {
    write(
      `\n-- ${migration.filename} (sha256 ${migration.checksum})\n${migration.sql.endsWith('\n') ? migration.sql : `${migration.sql}\n`}`,
    );
  }
  write(
    `\ndry run: nothing was applied or written${plan.ledgerExists ? '' : ' (the ledger was not created either)'}\n`,
  );
}

function describePlanHead(plan: MigrationPlan): string {
  return (
    `plan: ${plan.pending.length} migration(s) to apply in schema ${plan.schema ?? '(none of the search_path exists)'}, ` +
    `recorded in ${plan.ledger}; ${plan.alreadyApplied.length} already applied`
  );
}
