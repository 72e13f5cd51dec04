import { createPgDriverFactory } from '@slonik/pg-driver';
import type { DriverClient, DriverFactory } from 'slonik';

type DriverQueryOptions = Parameters<DriverClient['query']>[2];
import { copySourceOf, runCopyFromStdin } from './copy-from-stdin.js';
import { sessionEffectOf } from './session-effect.js';

/**
 * Follows what the statements sent on one session did to it and, when it goes back to the pool, rolls back a
 * transaction left open (or aborted) and runs DISCARD ALL after session-level changes (SET, SET ROLE, temporary tables,
 * LISTEN, PREPARE, cursors, advisory locks). A clean session is released with no extra round trip.
 *
 * Named prepared statements (`sql.prepared`) are parsed once per session and then only bound and executed. DISCARD
 * ALL deallocates them while node-postgres still believes them parsed, so each reset starts a new generation of
 * statement names on the session; with `preparedStatements: false` names are dropped and every statement is unnamed.
 */
const guardSession = (client: DriverClient, preparedStatements: boolean): DriverClient => {
  let inTransaction = false;
  let changed = false;
  let generation = 0;
  const optionsFor = (options: DriverQueryOptions | undefined): DriverQueryOptions | undefined => {
    if (options?.name === undefined) return options;
    if (preparedStatements) return { ...options, name: `${options.name}_${generation}` };
    const { name: _unnamed, ...unnamed } = options;
    return unnamed;
  };
  const note = (text: string) => {
    switch (sessionEffectOf(text)) {
      case 'opens-transaction':
        inTransaction = true;
        break;
      case 'ends-transaction':
        inTransaction = false;
        break;
      case 'changes-session':
        changed = true;
        break;
      case 'none':
        break;
    }
  };
  return {
    ...client,
    query: (text, values, options) => {
      note(text);
      const copySource = copySourceOf(text, values);
      if (copySource !== undefined) return runCopyFromStdin(client, text, copySource);
      return client.query(text, values, optionsFor(options));
    },
    stream: (text, values) => {
      note(text);
      return client.stream(text, values);
    },
    // A reset that fails rejects the release, and Slonik then destroys the session instead of pooling it.
    release: async () => {
      if (inTransaction) await client.query('ROLLBACK');
      inTransaction = false;
      if (changed) {
        await client.query('DISCARD ALL');
        generation += 1;
      }
      changed = false;
      await client.release();
    },
  };
};

/** Slonik's own pg driver, with every session it opens guarded by guardSession. */
export const createSessionGuardDriverFactory = ({
  preparedStatements,
}: {
  preparedStatements: boolean;
}): DriverFactory => {
  const pgDriverFactory = createPgDriverFactory();
  return async (input) => {
    const driver = await pgDriverFactory(input);
    return { createClient: async () => guardSession(await driver.createClient(), preparedStatements) };
  };
};
