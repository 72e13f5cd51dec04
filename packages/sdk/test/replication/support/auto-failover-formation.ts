import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { access, chmod, chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverOsUser, SYSTEM_POSTGRES_15_BIN } from '@iprs/testkit';

const PG_AUTOCTL = '/usr/bin/pg_autoctl';

interface AutoFailoverNode {
  readonly name: string;
  readonly port: number;
  readonly dataDir: string;
}

/** A pg_auto_failover formation on loopback: a monitor and two Postgres nodes, each run by `pg_autoctl ... --run`. */
export interface AutoFailoverFormation {
  readonly nodes: readonly [AutoFailoverNode, AutoFailoverNode];
  /** `pg_autoctl show state` of the monitor, as text. */
  state(): Promise<string>;
  /** Stops one node's pg_autoctl and Postgres at once (`pg_autoctl stop --immediate`): the node is gone for the monitor. */
  kill(node: AutoFailoverNode): Promise<void>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/**
 * Starts a monitor and two nodes with Debian's pg_auto_failover (package postgresql-15-auto-failover) as the
 * `postgres` OS user when root, in a temporary directory, and resolves once node 1 is primary and node 2 secondary.
 * The monitor, not the test, decides and performs failovers.
 */
export async function startAutoFailoverFormation(timeoutMs = 120_000): Promise<AutoFailoverFormation> {
  await access(PG_AUTOCTL).catch(() => {
    throw new Error(
      `the pg_auto_failover test needs ${PG_AUTOCTL}: install postgresql-15-auto-failover and pg-auto-failover-cli ` +
        '(Debian/Ubuntu: apt-get install -y postgresql-15-auto-failover pg-auto-failover-cli)',
    );
  });
  const osUser = await serverOsUser();
  const root = await mkdtemp(join(tmpdir(), 'iprs-auto-failover-'));
  await chmod(root, 0o755);
  if (osUser) await chown(root, osUser.uid, osUser.gid);
  // pg_autoctl keeps its state under XDG directories and connects through PGHOST; all of it stays in `root`.
  const env = {
    PATH: `${SYSTEM_POSTGRES_15_BIN}:/usr/bin:/bin`,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_RUNTIME_DIR: join(root, 'run'),
    PG_REGRESS_SOCK_DIR: root,
    PGHOST: root,
    HOME: root,
  };
  const monitorDir = join(root, 'monitor');
  const nodes = [
    { name: 'node1', port: await freePort(), dataDir: join(root, 'node1') },
    { name: 'node2', port: await freePort(), dataDir: join(root, 'node2') },
  ] as const;
  // pg_autoctl makes its runtime directory per PGDATA without -p; made here first, so `show state` polling while a
  // node is being created cannot race it (EEXIST), and nothing is left under /tmp/pg_autoctl.
  for (const dataDir of [monitorDir, ...nodes.map((node) => node.dataDir)]) {
    for (const base of [env.XDG_RUNTIME_DIR, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME]) {
      const path = join(base, 'pg_autoctl', dataDir);
      await mkdir(path, { recursive: true, mode: 0o700 });
      if (osUser) {
        for (let dir = path; dir.startsWith(root) && dir !== root; dir = join(dir, '..'))
          await chown(dir, osUser.uid, osUser.gid);
      }
    }
  }
  const children: ChildProcess[] = [];
  const runForeground = (name: string, args: readonly string[]) => {
    const log = openSync(join(root, `${name}.log`), 'a');
    const child = spawn(PG_AUTOCTL, args, { cwd: root, env, ...osUser, stdio: ['ignore', log, log] });
    child.on('error', () => undefined);
    children.push(child);
    return child;
  };
  const run = (args: readonly string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const child = spawn(PG_AUTOCTL, args, { cwd: root, env, ...osUser, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? resolve(output) : reject(new Error(`pg_autoctl ${args.join(' ')}: ${output}`)),
      );
    });

  const monitorPort = await freePort();
  const common = ['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--run'];
  const state = () => run(['show', 'state', '--pgdata', monitorDir]);
  const stopAll = async () => {
    for (const dataDir of [...nodes.map((node) => node.dataDir), monitorDir]) {
      await run(['stop', '--pgdata', dataDir, '--immediate']).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  };
  const waitFor = async (what: string, condition: (text: string) => boolean) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await state().catch((error: unknown) => String(error));
      if (condition(last)) return;
      if (Date.now() > deadline) {
        const logs = await Promise.all(
          ['monitor', 'node1', 'node2'].map((name) => readFile(join(root, `${name}.log`), 'utf8').catch(() => '')),
        );
        throw new Error(`pg_auto_failover: timed out waiting for ${what}; last state:\n${last}\n${logs.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  try {
    runForeground('monitor', ['create', 'monitor', '--pgdata', monitorDir, '--pgport', String(monitorPort), ...common]);
    const monitorUrl = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
    await waitFor('the monitor', (text) => text.includes('Name'));
    for (const node of nodes) {
      runForeground(node.name, [
        'create',
        'postgres',
        '--pgdata',
        node.dataDir,
        '--pgport',
        String(node.port),
        '--name',
        node.name,
        '--monitor',
        monitorUrl,
        ...common,
      ]);
      // Node 1 must register first to become the primary.
      await waitFor(`${node.name} registered`, (text) => text.includes(node.name));
    }
    await waitFor(
      'node1 primary and node2 secondary',
      (text) => /node1 .*\|\s+primary \|\s+primary/.test(text) && /node2 .*\|\s+secondary \|\s+secondary/.test(text),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    nodes,
    state,
    kill: async (node) => {
      await run(['stop', '--pgdata', node.dataDir, '--immediate']);
    },
    stop: stopAll,
  };
}
