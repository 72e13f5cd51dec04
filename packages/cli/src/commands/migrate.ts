import { migrate } from '@iprs/schema';
import type { Command } from 'commander';
import { asCliError } from '../database-errors.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl, type DatabaseTarget } from '../database-target.js';

interface MigrateCommandOptions {
  databaseUrl?: string;
  to?: string;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(
      'apply the pending schema migrations, each in its own transaction; refuses to run when an applied one was edited or is unknown',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--to <version>', 'apply only up to and including this version, e.g. 001')
    .action(async (options: MigrateCommandOptions) => {
      await applyMigrations(await resolveDatabaseUrl(options), options.to);
    });
}

/** Applies the pending migrations to `target` and reports each one; shared with `iprs demo`. */
export async function applyMigrations(
  target: DatabaseTarget,
  to?: string,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  write(`database: ${describeTarget(target)}\n`);
  let result;
  try {
    result = await migrate(target.url, to === undefined ? {} : { to });
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
