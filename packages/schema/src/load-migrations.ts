import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrationSourceError } from './errors/migration-source-error.js';
import type { Migration } from './migration.js';
import { orderMigrations } from './order-migrations.js';

const migrationFileName = /^(\d+)_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

/**
 * Reads every `NNN_snake_case_name.sql` in `directory`, ordered by the numeric prefix.
 * Other `.sql` names are refused rather than skipped, so a misnamed migration cannot silently go missing.
 */
export function loadMigrations(directory: string | URL): readonly Migration[] {
  const path = typeof directory === 'string' ? directory : fileURLToPath(directory);
  if (!existsSync(path)) {
    throw new MigrationSourceError(
      path,
      'migration directory does not exist (the @iprs/schema build copies the repository sql/ here: pnpm --filter @iprs/schema build)',
    );
  }
  const migrations = readdirSync(path)
    .filter((filename) => filename.endsWith('.sql'))
    .map((filename): Migration => {
      const match = migrationFileName.exec(filename);
      if (!match?.[1] || !match[2]) {
        throw new MigrationSourceError(join(path, filename), 'migration files must be named NNN_snake_case_name.sql');
      }
      const bytes = readFileSync(join(path, filename));
      return {
        version: match[1],
        name: match[2],
        filename,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
  if (migrations.length === 0) throw new MigrationSourceError(path, 'no migration files (NNN_name.sql) found');
  return orderMigrations(migrations);
}
