import { relative } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { findProjectDatabase } from '../project-database/find-project-database.js';
import { projectDatabasePaths } from '../project-database/project-database-paths.js';
import { startProjectDatabase } from '../project-database/start-project-database.js';
import { stopProjectDatabase } from '../project-database/stop-project-database.js';

export function registerDb(program: Command): void {
  const db = program
    .command('db')
    .description(
      'the embedded PostgreSQL 18 of this directory: data under .iprs/, keeps running after the command exits',
    );

  db.command('start')
    .description('start the embedded server, or find it running, and print DATABASE_URL=… on stdout')
    .option('--port <port>', 'TCP port on 127.0.0.1 (default: the one it had before, else a free one)', parsePort)
    .action(async (options: { port?: number }) => {
      const cwd = process.cwd();
      const server = await startProjectDatabase(cwd, options);
      const log = relative(cwd, server.logFile);
      if (!server.alreadyRunning) {
        process.stderr.write(`started embedded PostgreSQL (pid ${server.pid}, port ${server.port}, log ${log})\n`);
      } else {
        const ignoredPort = options.port !== undefined && options.port !== server.port;
        process.stderr.write(
          `embedded PostgreSQL is already running (pid ${server.pid}, port ${server.port})` +
            (ignoredPort ? `; --port ${options.port} ignored, run \`iprs db stop\` first to change it\n` : '\n'),
        );
      }
      process.stdout.write(`DATABASE_URL=${server.connectionString}\n`);
    });

  db.command('stop')
    .description('stop the embedded server (fast shutdown); its data stays under .iprs/')
    .action(async () => {
      const stopped = await stopProjectDatabase(process.cwd());
      process.stderr.write(
        stopped ? 'stopped embedded PostgreSQL\n' : 'no embedded PostgreSQL was running under .iprs/\n',
      );
    });

  db.command('url')
    .description('print the URL of the running embedded server')
    .action(async () => {
      const cwd = process.cwd();
      const server = await findProjectDatabase(cwd);
      if (!server) {
        throw new CliError(
          `no embedded PostgreSQL is running under ${relative(cwd, projectDatabasePaths(cwd).root) || '.iprs'}/; start it with \`iprs db start\``,
          ExitCode.usageOrConnection,
        );
      }
      process.stdout.write(`${server.connectionString}\n`);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new InvalidArgumentError('expected a port number 1-65535');
  return port;
}
