import { migrate } from '@iprs/schema';
import { createGlobalSetup } from '@iprs/testkit/vitest';

export default createGlobalSetup({ databasePrefix: 'conf', prepareTemplate: (url) => migrate(url) });
