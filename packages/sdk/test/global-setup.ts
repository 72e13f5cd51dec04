import { migrate } from '@iprs/schema';
import { createGlobalSetup } from '@iprs/testkit/vitest';

export default createGlobalSetup({ databasePrefix: 'sdk', prepareTemplate: (url) => migrate(url) });
