import { join } from 'node:path';

export interface ProjectDatabasePaths {
  /** `.iprs/` in the project directory (gitignored); entered by its owner only (`makeProjectDatabasePrivate`). */
  root: string;
  /** `*`: `.iprs/` is ignored in whichever repository the command runs in. */
  gitignoreFile: string;
  dataDir: string;
  logFile: string;
  /** The superuser's random password, made when the data directory is initialised. */
  passwordFile: string;
  /** Remembers the port (so the URL stays the same across restarts) and the pid of the last start. */
  stateFile: string;
}

export function projectDatabasePaths(cwd: string): ProjectDatabasePaths {
  const root = join(cwd, '.iprs');
  return {
    root,
    gitignoreFile: join(root, '.gitignore'),
    dataDir: join(root, 'data'),
    logFile: join(root, 'postgres.log'),
    passwordFile: join(root, 'password'),
    stateFile: join(root, 'server.json'),
  };
}
