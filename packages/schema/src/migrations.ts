import { loadMigrations } from './load-migrations.js';

/** The migrations this package ships, in the order they apply. */
export const migrations = loadMigrations(new URL('../sql/', import.meta.url));
