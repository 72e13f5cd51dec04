import type { Interceptor } from 'slonik';
import { z } from 'zod';

const milliseconds = (field: string) =>
  z
    .number({ error: `${field} must be a number of milliseconds` })
    .int()
    .positive({ error: `${field} must be > 0` });

/** Options of `createPool`; every field is optional and documented with its default. */
export const poolConfigSchema = z.strictObject({
  /**
   * `postgres://user:password@host:port/database`, or several hosts as libpq accepts them:
   * `postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write` (also `primary`, `standby`,
   * `prefer-standby`, `read-only`, `any`). Every new session resolves the hosts again, so the pool follows a failover.
   * Default: the `DATABASE_URL` environment variable.
   */
  connectionString: z.string().min(1).optional(),
  /**
   * Streaming replicas for reads: URLs of standbys (each may list several hosts with target_session_attrs). Read-only
   * statements sent through the pool, and rollups, go to a replica whose replay lag is within maxReplicaLagMs;
   * writes, transactions and `connect` always use the primary. Default none.
   */
  replicas: z.array(z.string().min(1)).default([]),
  /** A replica further behind the primary than this is skipped; when all are, reads go to the primary. Default 1 000. */
  maxReplicaLagMs: z.number().int().min(0).default(1_000),
  /** How often the pool measures each replica's replay position against the primary's WAL position. Default 250. */
  replicaCheckIntervalMs: milliseconds('replicaCheckIntervalMs').default(250),
  /**
   * Read your writes: after a write through this pool, a read goes to a replica only once it has replayed the
   * write's commit (it waits up to readYourWritesTimeoutMs for that), otherwise to the primary. Default false.
   */
  readYourWrites: z.boolean().default(false),
  /** How long a read waits for a replica to replay this pool's last write before reading the primary. Default 200. */
  readYourWritesTimeoutMs: z.number().int().min(0).default(200),
  /**
   * With several hosts: how long opening a session keeps trying the hosts while none has the wanted role (a standby
   * being promoted). New calls reach the new primary within this bound (plus connectTimeoutMs per host). Default 10 000.
   */
  failoverTimeoutMs: z.number().int().min(0).default(10_000),
  /** Most connections open at once. Default 10. */
  maxPoolSize: z.number().int().min(1).max(10_000).default(10),
  /** Connections opened at start and kept open. Default 0. */
  minPoolSize: z.number().int().min(0).default(0),
  /** How long a call waits for a free connection when all are in use before PoolExhaustedError. Default 5 000. */
  acquireTimeoutMs: milliseconds('acquireTimeoutMs').default(5_000),
  /** How long opening one connection may take before ConnectionError. Default 5 000. */
  connectTimeoutMs: milliseconds('connectTimeoutMs').default(5_000),
  /** PostgreSQL statement_timeout per statement. Default 60 000. */
  statementTimeoutMs: milliseconds('statementTimeoutMs').default(60_000),
  /**
   * PostgreSQL lock_timeout: how long a statement waits for a lock another session holds before LockTimeoutError.
   * Sent as a startup option of each session (no round trip). Default 5 000.
   */
  lockTimeoutMs: milliseconds('lockTimeoutMs').default(5_000),
  /** PostgreSQL idle_in_transaction_session_timeout. Default 60 000. */
  idleInTransactionTimeoutMs: milliseconds('idleInTransactionTimeoutMs').default(60_000),
  /** An idle connection above minPoolSize is closed after this long. Default 10 000. */
  idleTimeoutMs: milliseconds('idleTimeoutMs').default(10_000),
  /**
   * The PostgreSQL schema holding the iprs tables (where `iprs migrate --schema` put them): each session's
   * search_path is set to it alone as a startup option, over a search_path in the URL's `options`. Default: the
   * connection's own search_path (usually `public`).
   */
  schema: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, {
      error: 'schema must be a schema name: letters, digits, _ or $ (not first), at most 63 characters',
    })
    .optional(),
  /**
   * Whether the SDK's most frequent single-row reads (getPosition, getNode, getInstrument…) run as named prepared
   * statements, parsed and planned once per session. Turn off behind a connection pooler that cannot keep prepared
   * statements (PgBouncer before 1.21 in transaction mode). Default true.
   */
  preparedStatements: z.boolean().default(true),
  /** Extra Slonik interceptors, run after the SDK's own (row validation, error translation). */
  interceptors: z.array(z.custom<Interceptor>((value) => typeof value === 'object' && value !== null)).default([]),
});

export type PoolConfig = z.input<typeof poolConfigSchema>;
export type PoolSettings = z.output<typeof poolConfigSchema> & { readonly connectionString: string };
