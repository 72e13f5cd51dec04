import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version of `name` as Node would find it from `fromDirectory` (walking up through node_modules), read from its
 * package.json directly so packages whose `exports` hide package.json are found too. Also returns the package's
 * directory, to look up its own dependencies from there.
 */
export function findPackage(name: string, fromDirectory: string): { version: string; directory: string } | undefined {
  for (let directory = fromDirectory; ; directory = dirname(directory)) {
    const manifest = join(directory, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
      return { version: version ?? 'unknown', directory: realpathSync(dirname(manifest)) };
    }
    if (dirname(directory) === directory) return undefined;
  }
}
