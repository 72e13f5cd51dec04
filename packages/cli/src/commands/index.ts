import type { Command } from 'commander';
import { registerAdopt } from './adopt.js';
import { registerDb } from './db.js';
import { registerDemo } from './demo.js';
import { registerIngest } from './ingest.js';
import { registerLineage } from './lineage.js';
import { registerMigrate } from './migrate.js';
import { registerRollup } from './rollup.js';
import { registerStatus } from './status.js';
import { registerVerify } from './verify.js';
import { registerManifest } from './manifest.js';
import { registerGrants } from './grants.js';
import { registerDocs } from './docs.js';

/** Every command module registers itself here, one line each. */
export const commandRegistrations: ReadonlyArray<(program: Command) => void> = [
  registerDb,
  registerMigrate,
  registerStatus,
  registerAdopt,
  registerDemo,
  registerIngest,
  registerLineage,
  registerRollup,
  registerVerify,
  registerManifest,
  registerGrants,
  registerDocs,
];
