import { migrationStatus, type MigrationStatusEntry } from '@iprs/schema';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { formatTable } from '../data-services/format-table.js';
import { asCliError } from '../database-errors.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl, type DatabaseTarget } from '../database-target.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show each migration as applied, pending, modified (edited after it ran) or unknown; exit 1 on modified/unknown')
    .option('--database-url <url>', databaseUrlOptionHelp)
    .action(async (options: { databaseUrl?: string }) => {
      await printMigrationStatus(await resolveDatabaseUrl(options));
    });
}

/** Prints the migration status of `target`; throws (exit 1) when a migration is modified or unknown. Shared with `iprs demo`. */
export async function printMigrationStatus(
  target: DatabaseTarget,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  let entries: readonly MigrationStatusEntry[];
  try {
    entries = await migrationStatus(target.url);
  } catch (error) {
    throw asCliError(error, target);
  }
  write(`database: ${describeTarget(target)}\n`);
  const rows = entries.map((entry) => [
    entry.version,
    entry.name,
    entry.state,
    entry.appliedAt?.toISOString() ?? '',
    entry.executionMs === undefined ? '' : String(entry.executionMs),
  ]);
  write(`${formatTable(['version', 'name', 'state', 'applied at', 'ms'], rows, new Set([4]))}\n`);
  const count = (state: MigrationStatusEntry['state']) => entries.filter((entry) => entry.state === state).length;
  write(`${count('applied')} applied, ${count('pending')} pending, ${count('modified')} modified, ${count('unknown')} unknown\n`);

  const problems = entries.flatMap((entry) => {
    if (entry.state === 'modified') {
      return [`${entry.filename} was edited after it was applied (applied ${entry.appliedChecksum}, shipped ${entry.shippedChecksum})`];
    }
    if (entry.state === 'unknown') return [`version ${entry.version} (${entry.name}) is applied but not shipped by this iprs`];
    return [];
  });
  if (problems.length > 0) {
    throw new CliError(
      `${problems.join('\n')}\nRestore the original migration files (or upgrade iprs); migrate refuses to run until then.`,
      ExitCode.checkFailed,
    );
  }
}
