/** What the pool last measured about one replica. */
export interface ReplicaStatus {
  /** `host:port` (several, comma-separated, for a multi-host replica URL). */
  readonly address: string;
  /** Whether the last check succeeded recently enough to trust (within three check intervals, and at least a second). */
  readonly reachable: boolean;
  /** Replay lag behind the primary's WAL in ms (0 when caught up), or null when unknown. */
  readonly lagMs: number | null;
  /** Whether reads go to it right now: reachable and lagMs within maxReplicaLagMs. */
  readonly eligible: boolean;
  /** Reads this pool sent to it. */
  readonly reads: number;
  /** Why the last check failed, or null. */
  readonly lastError: string | null;
}

export interface RoutingStatus {
  readonly replicas: readonly ReplicaStatus[];
  /** Read-only statements (and read transactions) that ran on the primary. */
  readonly readsOnPrimary: number;
}
