import type { TestProject } from 'vitest/node';
import { createDatabase } from '../create-database.js';
import { databaseUrl } from '../database-url.js';
import { dropDatabase } from '../drop-database.js';
import { freezeTemplate } from '../freeze-template.js';
import { provisionPostgres, type ProvisionPostgresOptions } from '../provision-postgres.js';
import { uniqueDatabaseName } from '../unique-database-name.js';
import './provided-test-database.js';

export interface GlobalSetupOptions extends ProvisionPostgresOptions {
  /** Brings the template to the state every `useMigratedDatabase()` starts from, e.g. `(url) => migrate(url)`. */
  prepareTemplate?: (templateUrl: string) => Promise<unknown>;
  /** Prefix of every database created; name your area (`schema`, `sdk`, …). Default `iprs_test`. */
  databasePrefix?: string;
}

/**
 * A vitest `globalSetup` function: provisions one PostgreSQL server for the run, creates and prepares one template
 * database, provides both to the test files, and drops the template and stops the server afterwards.
 */
export function createGlobalSetup(options: GlobalSetupOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const databasePrefix = options.databasePrefix ?? 'iprs_test';
    const templateDatabase = uniqueDatabaseName(`${databasePrefix}_template`);
    const server = await provisionPostgres(options);
    try {
      await createDatabase(server.connectionString, templateDatabase);
      await options.prepareTemplate?.(databaseUrl(server.connectionString, templateDatabase));
      await freezeTemplate(server.connectionString, templateDatabase);
    } catch (error) {
      await dropDatabase(server.connectionString, templateDatabase).catch(() => undefined);
      await server.stop();
      const reason = error instanceof Error ? error.message : String(error);
      // The server is named by its kind, not its URL: the URL may hold a password.
      const where = `the ${server.kind === 'env' ? 'DATABASE_URL' : server.kind} server`;
      throw new Error(`@iprs/testkit: preparing template database ${templateDatabase} on ${where} failed: ${reason}`, {
        cause: error,
      });
    }
    project.provide('iprsTestDatabase', {
      serverUrl: server.connectionString,
      templateDatabase,
      databasePrefix,
      kind: server.kind,
    });
    return async () => {
      try {
        await dropDatabase(server.connectionString, templateDatabase);
      } finally {
        await server.stop();
      }
    };
  };
}
