import { spawn } from 'node:child_process';
import { access, appendFile, chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from '../find-free-port.js';
import { serverOsUser } from '../postgres-os-user.js';
import { readFileTail } from '../read-file-tail.js';

/** Where the system PostgreSQL 15 binaries are on Debian and Ubuntu (package postgresql-15). */
export const SYSTEM_POSTGRES_15_BIN = '/usr/lib/postgresql/15/bin';

/** One server of a streaming cluster, on loopback. */
export interface ClusterServer {
  readonly name: string;
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on loopback). */
  readonly url: string;
  /** Runs one statement on a fresh connection and returns its rows. */
  query<Row extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /** `pg_ctl stop`: `immediate` is a crash (no shutdown checkpoint, sessions cut), `fast` a clean shutdown. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** `pg_ctl promote -w`: a standby becomes a primary. */
  promote(): Promise<void>;
  /** `pg_ctl start -w` (the cluster starts every server; this restarts a stopped one). */
  start(): Promise<void>;
}

export interface StreamingCluster {
  readonly primary: ClusterServer;
  readonly standbys: readonly ClusterServer[];
  /** Stops every server still running and deletes the data directories. */
  stop(): Promise<void>;
}

export interface StreamingClusterOptions {
  /** Streaming standbys made with `pg_basebackup -R`. Default 1. */
  readonly standbys?: number;
  /** The primary waits for the first standby to flush every commit (synchronous_standby_names). Default false. */
  readonly synchronous?: boolean;
  /** Directory of initdb, pg_ctl, pg_basebackup. Default SYSTEM_POSTGRES_15_BIN. */
  readonly binDir?: string;
  /** Bounds every pg_ctl wait. Default 60 s. */
  readonly timeoutSeconds?: number;
}

/**
 * Starts a primary and streaming standbys (PostgreSQL's own physical replication, `pg_basebackup -R`) on free
 * loopback ports, sockets and data in a temporary directory, as the `postgres` OS user when running as root. Waits
 * until every standby is streaming. Always call stop(), also when a test fails (afterAll).
 */
export async function startStreamingCluster(options: StreamingClusterOptions = {}): Promise<StreamingCluster> {
  const binDir = options.binDir ?? SYSTEM_POSTGRES_15_BIN;
  const timeout = String(options.timeoutSeconds ?? 60);
  await access(join(binDir, 'pg_basebackup')).catch(() => {
    throw new Error(
      `the streaming replication tests need PostgreSQL server binaries in ${binDir} (initdb, pg_ctl, pg_basebackup): ` +
        'install postgresql-15 (Debian/Ubuntu: apt-get install -y postgresql-15)',
    );
  });
  const osUser = await serverOsUser();
  const root = await mkdtemp(join(tmpdir(), 'iprs-replication-'));
  await chmod(root, 0o755);
  if (osUser) await chown(root, osUser.uid, osUser.gid);

  const run = async (binary: string, args: readonly string[]): Promise<void> => {
    const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>((resolve, reject) => {
      const child = spawn(join(binDir, binary), args, { cwd: root, ...osUser, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => resolve({ exitCode: code, output: text.trim() }));
    });
    if (exitCode !== 0) throw new Error(`${binary} ${args.join(' ')} exited with ${exitCode}: ${output}`);
  };

  const running = new Set<ClusterServer>();
  const serverAt = (name: string, port: number): ClusterServer => {
    const dataDir = join(root, name);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const logFile = join(root, `${name}.log`);
    const server: ClusterServer = {
      name,
      port,
      dataDir,
      url,
      query: async <Row extends object>(text: string, values?: unknown[]) => {
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
        client.on('error', () => undefined);
        await client.connect();
        try {
          return (await client.query<Row>(text, values)).rows;
        } finally {
          await client.end();
        }
      },
      stop: async (mode) => {
        await run('pg_ctl', ['-D', dataDir, '-m', mode, '-t', timeout, '-w', 'stop']);
        running.delete(server);
      },
      promote: () => run('pg_ctl', ['-D', dataDir, '-t', timeout, '-w', 'promote']),
      start: async () => {
        const settings = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`;
        await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-t', timeout, '-w', '-o', settings, 'start']).catch(
          async (error: unknown) => {
            throw new Error(`${name} did not start: ${await readFileTail(logFile).catch(() => '')}`, { cause: error });
          },
        );
        running.add(server);
      },
    };
    return server;
  };

  const stop = async () => {
    await Promise.all([...running].map((server) => server.stop('immediate').catch(() => undefined)));
    await rm(root, { recursive: true, force: true });
  };

  try {
    const primary = serverAt('primary', await findFreePort());
    await run('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    // fsync off: these servers test replication, not durability against an OS crash; the tests only stop processes.
    const settings = [
      'wal_level = replica',
      'max_wal_senders = 10',
      'wal_keep_size = 256MB',
      'hot_standby = on',
      'max_connections = 200',
      'fsync = off',
      'hot_standby_feedback = on',
    ];
    await appendFile(join(primary.dataDir, 'postgresql.conf'), `${settings.join('\n')}\n`);
    await primary.start();

    const standbys: ClusterServer[] = [];
    for (let index = 1; index <= (options.standbys ?? 1); index += 1) {
      const standby = serverAt(`standby${index}`, await findFreePort());
      await run('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-D',
        standby.dataDir,
        '-R',
        '-X',
        'stream',
        '--checkpoint=fast',
        '--no-sync',
      ]);
      // -R wrote standby.signal and a primary_conninfo; this one names the standby for synchronous_standby_names.
      const conninfo = `host=127.0.0.1 port=${primary.port} user=postgres application_name=${standby.name}`;
      await appendFile(join(standby.dataDir, 'postgresql.auto.conf'), `primary_conninfo = '${conninfo}'\n`);
      await standby.start();
      standbys.push(standby);
    }
    await waitUntil(
      async () => {
        const [row] = await primary.query<{ streaming: number }>(
          "SELECT count(*)::int AS streaming FROM pg_stat_replication WHERE state = 'streaming'",
        );
        return row?.streaming === standbys.length;
      },
      Number(timeout) * 1000,
      'every standby streaming from the primary',
    );
    if (options.synchronous && standbys[0]) {
      await primary.query(`ALTER SYSTEM SET synchronous_standby_names = '${standbys[0].name}'`);
      await primary.query('SELECT pg_reload_conf()');
      await waitUntil(
        async () => {
          const rows = await primary.query("SELECT 1 FROM pg_stat_replication WHERE sync_state = 'sync'");
          return rows.length === 1;
        },
        Number(timeout) * 1000,
        'the first standby synchronous',
      );
    }
    return { primary, standbys, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
