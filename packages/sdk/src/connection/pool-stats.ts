export interface PoolStats {
  /** Connections lent out right now (including ones being released). */
  readonly acquired: number;
  readonly idle: number;
  /** Connections being opened. */
  readonly opening: number;
  /** Callers queued for a connection right now (one that gave up is no longer counted). */
  readonly waiting: number;
  readonly maxPoolSize: number;
  readonly state: 'ACTIVE' | 'ENDING' | 'ENDED';
}
