import { createGlobalSetup } from '@iprs/testkit/vitest';
import { migrate } from '../src/migrate.js';

// One server and one migrated template per run; the template doubles as a first check that migrate works.
export default createGlobalSetup({ databasePrefix: 'schema', prepareTemplate: (url) => migrate(url) });
