import { sql } from 'slonik';
import type { IprsPool } from './bounded-pool.js';
import { parseLsn } from './lsn.js';
import type { ReplicaStatus } from './replica-status.js';

interface WalSample {
  readonly at: number;
  readonly lsn: bigint;
}

interface ReplicaState {
  checkedAt: number;
  /** When the primary first had WAL this replica has not replayed; null when it had replayed everything. */
  missingSince: number | null;
  lastError: string | null;
  reads: number;
}

export interface MonitoredReplica {
  readonly pool: IprsPool;
  readonly state: ReplicaState;
}

export interface ReplicaMonitor {
  readonly replicas: readonly MonitoredReplica[];
  /** Replicas a read may use now, in the order to try them. */
  eligible(): MonitoredReplica[];
  status(): ReplicaStatus[];
  /** A replica a call could not reach: skipped until its next successful check. */
  markDown(replica: MonitoredReplica, reason: string): void;
  stop(): Promise<void>;
}

// The primary's WAL position over time, newest last; long enough to date a lag of several minutes at 4 checks/s.
const MAX_SAMPLES = 2_000;

const primaryPosition = sql.unsafe`
  SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn`;
// A promoted former standby has no replay position any more and has everything it will ever have.
const replayPosition = sql.unsafe`
  SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() END)::text AS lsn`;

/**
 * Measures every check interval how far each replica's replay lags behind the primary, without trusting clocks or
 * pg_last_xact_replay_timestamp() (which grows on an idle primary): it samples the primary's WAL position, and a
 * replica that has replayed up to L lags since the first sample that was past L. The lag is thus known to within one
 * check interval and never over-stated.
 */
export const startReplicaMonitor = (
  primary: IprsPool,
  replicaPools: readonly IprsPool[],
  options: { readonly intervalMs: number; readonly maxLagMs: number },
): ReplicaMonitor => {
  const samples: WalSample[] = [];
  const replicas: MonitoredReplica[] = replicaPools.map((pool) => ({
    pool,
    state: { checkedAt: 0, missingSince: null, lastError: 'not checked yet', reads: 0 },
  }));
  // A check that is late (a loaded client or server) does not disqualify a replica at once; one that is missing for
  // three intervals, and at least a second, does.
  const staleAfterMs = Math.max(options.intervalMs * 3, 1_000);
  let next = 0;

  const firstSamplePast = (lsn: bigint): number | null => {
    const newest = samples.at(-1);
    if (!newest || lsn >= newest.lsn) return null;
    let low = 0;
    let high = samples.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((samples[middle] as WalSample).lsn > lsn) high = middle;
      else low = middle + 1;
    }
    return (samples[low] as WalSample).at;
  };

  const checkReplica = async (replica: MonitoredReplica): Promise<void> => {
    try {
      const text = await replica.pool.oneFirst(replayPosition);
      replica.state.missingSince = typeof text === 'string' ? firstSamplePast(parseLsn(text)) : null;
      replica.state.lastError = null;
      replica.state.checkedAt = Date.now();
    } catch (error) {
      replica.state.lastError = error instanceof Error ? error.message : String(error);
    }
  };

  const check = async (): Promise<void> => {
    try {
      const text = await primary.oneFirst(primaryPosition);
      samples.push({ at: Date.now(), lsn: parseLsn(String(text)) });
      if (samples.length > MAX_SAMPLES) samples.splice(0, samples.length - MAX_SAMPLES);
    } catch {
      // Without the primary's position no lag can be dated; replicas go stale and reads follow the primary's fate.
      return;
    }
    await Promise.all(replicas.map(checkReplica));
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = check().finally(() => {
      if (stopped) return;
      timer = setTimeout(loop, options.intervalMs);
      timer.unref();
    });
  };
  loop();

  const lagOf = (replica: MonitoredReplica, now: number): number | null => {
    if (replica.state.lastError !== null || now - replica.state.checkedAt > staleAfterMs) return null;
    return replica.state.missingSince === null ? 0 : now - replica.state.missingSince;
  };
  const isEligible = (lag: number | null) => lag !== null && lag <= options.maxLagMs;

  return {
    replicas,
    eligible: () => {
      const now = Date.now();
      const usable = replicas.filter((replica) => isEligible(lagOf(replica, now)));
      // Round robin: each read starts from the next replica.
      next = (next + 1) % Math.max(1, usable.length);
      return [...usable.slice(next), ...usable.slice(0, next)];
    },
    status: () => {
      const now = Date.now();
      return replicas.map((replica) => {
        const lagMs = lagOf(replica, now);
        return {
          address: replica.pool.address,
          reachable: replica.state.lastError === null && now - replica.state.checkedAt <= staleAfterMs,
          lagMs,
          eligible: isEligible(lagMs),
          reads: replica.state.reads,
          lastError: replica.state.lastError,
        };
      });
    },
    markDown: (replica, reason) => {
      replica.state.lastError = reason;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
