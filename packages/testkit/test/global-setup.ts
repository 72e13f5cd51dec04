import { withClient } from '../src/with-client.js';
import { createGlobalSetup } from '../src/vitest.js';

// testkit cannot use @iprs/schema (cycle), so its template holds one marker table instead of the migrations.
export default createGlobalSetup({
  databasePrefix: 'testkit',
  prepareTemplate: (url) =>
    withClient(url, (client) =>
      client.query("CREATE TABLE template_marker (note text); INSERT INTO template_marker VALUES ('cloned')"),
    ),
});
