import { readFileSync } from 'node:fs';
import { newestSchemaRelease } from '@iprs/schema';

/** What `iprs --version` prints, e.g. `iprs 0.1.0 (schema release 003)`. */
export function cliVersion(): string {
  // src/ and dist/ both sit directly under the package root.
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `iprs ${version} (schema release ${newestSchemaRelease})`;
}
