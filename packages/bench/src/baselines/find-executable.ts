import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The path of `name` on PATH, else in a Debian PostgreSQL bin directory (newest major first), else undefined.
 * Benchmarks whose baseline tool is missing are reported as skipped.
 */
export function findExecutable(name: string): string | undefined {
  const debianBins = (() => {
    try {
      return readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((major) => join('/usr/lib/postgresql', major, 'bin'));
    } catch {
      return [];
    }
  })();
  const directories = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...debianBins];
  for (const directory of directories) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
