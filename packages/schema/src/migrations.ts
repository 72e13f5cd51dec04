import { loadMigrations } from './load-migrations.js';
import type { Migration } from './migration.js';

const shipped: Migration[] = [];
let loaded = false;

function loadShipped(): Migration[] {
  if (!loaded) {
    shipped.push(...loadMigrations(new URL('../sql/', import.meta.url)));
    Object.freeze(shipped);
    loaded = true;
  }
  return shipped;
}

// Every operation on `migrations` first loads the list into the array the proxy wraps, then acts on that array, so it
// behaves as the frozen array itself (Array.isArray, spread, JSON.stringify) while the package stays free of work at
// import, as its `sideEffects: false` promises.
const loadFirst = Object.fromEntries(
  Object.getOwnPropertyNames(Reflect).map((trap) => [
    trap,
    (_target: Migration[], ...args: unknown[]) =>
      (Reflect[trap as keyof typeof Reflect] as (...all: unknown[]) => unknown)(loadShipped(), ...args),
  ]),
) as ProxyHandler<Migration[]>;

/**
 * The migrations this package ships, in the order they apply. The files in sql/ are read and hashed on first use, not
 * when the package is imported; a missing or malformed sql/ throws MigrationSourceError there.
 */
export const migrations: readonly Migration[] = new Proxy(shipped, loadFirst);
