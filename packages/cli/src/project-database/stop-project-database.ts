import { stopEmbeddedServer } from '@iprs/testkit';
import { projectDatabasePaths } from './project-database-paths.js';

/** Stops the embedded server under `.iprs/` in `cwd`; resolves to false when none was running. Data stays. */
export function stopProjectDatabase(cwd: string): Promise<boolean> {
  return stopEmbeddedServer(projectDatabasePaths(cwd).dataDir);
}
