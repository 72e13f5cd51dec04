import { migrationStatus, newestSchemaRelease, type MigrationStatusEntry } from '@iprs/schema';
import { Option, type Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { formatTable } from '../data-services/format-table.js';
import { asCliError } from '../database-errors.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl, type DatabaseTarget } from '../database-target.js';
import { migrationStatusReport } from '../migration-status/migration-status-report.js';
import { addHistoryOptions, historyOptionsOf, type HistoryOptions } from './migrate.js';

const statusFormats = ['text', 'json'] as const;

interface StatusCommandOptions extends HistoryOptions {
  databaseUrl?: string;
  format: (typeof statusFormats)[number];
  check: boolean;
}

type Write = (text: string) => void;
const toStdout: Write = (text) => process.stdout.write(text);

export function registerStatus(program: Command): void {
  const command = program
    .command('status')
    .description(
      'show each migration as applied, pending, modified (edited after it ran) or unknown; exit 1 on modified/unknown ' +
        '(with --check also on pending), 2 when it could not run',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .addOption(
      new Option('--format <format>', 'output format (json: a stable shape for scripts)')
        .choices(statusFormats)
        .default('text'),
    )
    .option(
      '--check',
      'deploy gate: exit 1 unless every shipped migration is applied (nothing pending, modified or unknown)',
      false,
    );
  addHistoryOptions(command).action(async (options: StatusCommandOptions) => {
    const target = await resolveDatabaseUrl(options);
    const entries = await readMigrationStatus(target, options);
    if (options.format === 'json') {
      // With --migrations the newest release is that history's newest file, not iprs's.
      const newest =
        options.migrations === undefined
          ? newestSchemaRelease
          : (entries.findLast((entry) => entry.filename)?.version ?? '');
      toStdout(`${JSON.stringify(migrationStatusReport(target, entries, newest), null, 2)}\n`);
    } else {
      writeStatusTable(target, entries, toStdout);
    }
    failOnProblems(entries, options.check);
  });
}

/** Prints the migration status of `target`; throws (exit 1) when a migration is modified or unknown. Shared with `iprs demo`. */
export async function printMigrationStatus(
  target: DatabaseTarget,
  write: Write = toStdout,
  history: HistoryOptions = {},
): Promise<void> {
  const entries = await readMigrationStatus(target, history);
  writeStatusTable(target, entries, write);
  failOnProblems(entries, false);
}

async function readMigrationStatus(
  target: DatabaseTarget,
  history: HistoryOptions,
): Promise<readonly MigrationStatusEntry[]> {
  const options = historyOptionsOf(history);
  try {
    return await migrationStatus(target.url, options);
  } catch (error) {
    throw asCliError(error, target);
  }
}

function writeStatusTable(target: DatabaseTarget, entries: readonly MigrationStatusEntry[], write: Write): void {
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
  write(
    `${count('applied')} applied, ${count('pending')} pending, ${count('modified')} modified, ${count('unknown')} unknown\n`,
  );
}

/** Throws the exit-1 CliError for modified or unknown migrations and, when `pendingFails` (`--check`), pending ones. */
function failOnProblems(entries: readonly MigrationStatusEntry[], pendingFails: boolean): void {
  const problems = entries.flatMap((entry) => {
    if (entry.state === 'modified') {
      return [
        `${entry.filename} was edited after it was applied (applied ${entry.appliedChecksum}, shipped ${entry.shippedChecksum})`,
      ];
    }
    if (entry.state === 'unknown')
      return [`version ${entry.version} (${entry.name}) is applied but not shipped by this iprs`];
    return [];
  });
  if (problems.length > 0) {
    throw new CliError(
      `${problems.join('\n')}\nRestore the original migration files (or upgrade iprs); migrate refuses to run until then.`,
      ExitCode.checkFailed,
    );
  }
  const pending = entries.filter((entry) => entry.state === 'pending');
  if (pendingFails && pending.length > 0) {
    throw new CliError(
      `not up to date: ${pending.length} migration(s) pending (${pending.map((entry) => entry.filename).join(', ')}); run \`iprs migrate\``,
      ExitCode.checkFailed,
    );
  }
}
