import type { Command } from 'commander';
import { registerIngest } from './ingest.js';
import { registerLineage } from './lineage.js';
import { registerRollup } from './rollup.js';

/** Every command module registers itself here, one line each. */
export const commandRegistrations: ReadonlyArray<(program: Command) => void> = [
  registerIngest,
  registerLineage,
  registerRollup,
];
