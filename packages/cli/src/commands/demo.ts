import type { Command } from 'commander';
import { ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl, type DatabaseTarget } from '../database-target.js';
import { applyMigrations } from './migrate.js';
import { printMigrationStatus } from './status.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'the main job: start the embedded server (or use --database-url / DATABASE_URL), migrate, print the migration ' +
        'status, ingest the bundled sample (one file deliberately bad), verify, print rollups in USD and EUR and a ' +
        'lineage trace; safe to re-run; exit 1 when verify finds a problem',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--schema <name>', `${schemaOptionHelp}; created when missing`)
    .action(async (options: { databaseUrl?: string; schema?: string }) => {
      const target = await resolveDatabaseUrl(options);
      const write = (text: string) => process.stdout.write(text);
      write('== Schema migrations\n');
      const history = options.schema === undefined ? {} : { schema: options.schema };
      await applyMigrations(target, history, write);
      write('\n== Migration status\n');
      await printMigrationStatus(target, write, history);
      // Imported here: the demo's modules are loaded by `iprs demo`, not by every `iprs` start.
      const { runSampleDemo } = await import('../demo/run-sample-demo.js');
      const { verifyDemoDatabase } = await import('../demo/verify-demo-database.js');
      let conforms = true;
      try {
        await runSampleDemo(target.url, {
          write,
          ...history,
          verify: async (url) => (conforms = await verifyDemoDatabase(url, write, options.schema)),
        });
      } catch (error) {
        throw asCliError(error, target);
      }
      write(`\n${whereTheDataIs(target)}\n`);
      if (!conforms) process.exitCode = ExitCode.checkFailed;
    });
}

/** The last line: how to reach the demo data and, on the embedded server, how to stop it. */
function whereTheDataIs(target: DatabaseTarget): string {
  if (target.source !== 'embedded') return `The demo data is in ${describeTarget(target)}.`;
  return (
    'The embedded server keeps running with the demo data: connect with ' +
    `DATABASE_URL=${target.url} (psql, or any iprs command); \`pnpm iprs db stop\` stops it.`
  );
}
