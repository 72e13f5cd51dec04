import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bin directory of a Debian-installed PostgreSQL whose extension directory has pgTAP (package
 * `postgresql-NN-pgtap`), newest major first; undefined when there is none.
 */
export function findPgtapPostgres(): { readonly major: string; readonly binDirectory: string } | undefined {
  let majors: string[];
  try {
    majors = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    return undefined;
  }
  for (const major of majors) {
    const binDirectory = join('/usr/lib/postgresql', major, 'bin');
    const control = join('/usr/share/postgresql', major, 'extension', 'pgtap.control');
    if (existsSync(join(binDirectory, 'initdb')) && existsSync(control)) return { major, binDirectory };
  }
  return undefined;
}
