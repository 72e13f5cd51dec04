import type { Command } from 'commander';
import { databaseUrlOptionHelp, resolveDatabaseUrl } from '../database-target.js';
import { applyMigrations } from './migrate.js';
import { printMigrationStatus } from './status.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the main job on the embedded default: start the embedded server, migrate, print the status')
    .option('--database-url <url>', databaseUrlOptionHelp)
    .action(async (options: { databaseUrl?: string }) => {
      const target = await resolveDatabaseUrl(options);
      await applyMigrations(target);
      await printMigrationStatus(target);
    });
}
