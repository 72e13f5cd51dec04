import { applyGrants, iprsRoles } from '@iprs/schema';
import type { Command } from 'commander';
import { asCliError } from '../database-errors.js';
import { databaseUrlOptionHelp, describeTarget, resolveDatabaseUrl } from '../database-target.js';

interface GrantsCommandOptions {
  databaseUrl?: string;
  schema: string;
}

export function registerGrants(program: Command): void {
  program
    .command('grants')
    .description(
      `create the roles ${Object.values(iprsRoles).join(', ')} (NOLOGIN) when missing and re-apply their grants and ` +
        'default privileges on the schema (idempotent; needs a superuser or CREATEROLE); exit 0 applied, 1 refused, 2 could not connect',
    )
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--schema <name>', 'the PostgreSQL schema holding the tables', 'public')
    .action(async (options: GrantsCommandOptions) => {
      const target = await resolveDatabaseUrl(options);
      process.stdout.write(`database: ${describeTarget(target)}\n`);
      let result;
      try {
        result = await applyGrants(target.url, { schema: options.schema });
      } catch (error) {
        throw asCliError(error, target);
      }
      if (result.createdRoles.length > 0)
        process.stdout.write(`created roles ${result.createdRoles.join(', ')} (NOLOGIN)\n`);
      process.stdout.write(
        `grants applied on schema ${result.schema}: ${iprsRoles.migrator} owns the DDL, ${iprsRoles.writer} reads and ` +
          `writes rows, ${iprsRoles.reader} reads; tables ${iprsRoles.migrator} creates later follow\n`,
      );
    });
}
