import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the generated manifest modules live in a source checkout of iprs: `src/manifest/releases/` of the @iprs/schema
 * this CLI resolves (the workspace package). An installed @iprs/schema ships no src/, so it exists only in the
 * repository.
 */
export function manifestSourceDirectory(): string {
  const schemaPackage = createRequire(import.meta.url).resolve('@iprs/schema/package.json');
  return join(dirname(schemaPackage), 'src', 'manifest', 'releases');
}
