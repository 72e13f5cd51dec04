export { createGlobalSetup, type GlobalSetupOptions } from './vitest/create-global-setup.js';
export type { ProvidedTestDatabase } from './vitest/provided-test-database.js';
export { useEmptyDatabase, useMigratedDatabase } from './vitest/use-database.js';
