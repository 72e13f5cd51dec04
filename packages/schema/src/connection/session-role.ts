import type { TargetSessionAttrs } from './target-session-attrs.js';

/** What a connected session found out about its server. */
export interface SessionRole {
  /** `pg_is_in_recovery()`: the server is a standby (streaming or archive recovery). */
  readonly inRecovery: boolean;
  /** `transaction_read_only` of a new session: a standby, or a primary with default_transaction_read_only on. */
  readonly readOnly: boolean;
}

interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/** One round trip, the same two facts libpq reads to honour target_session_attrs. */
export async function readSessionRole(session: Queryable): Promise<SessionRole> {
  const { rows } = await session.query(
    "SELECT pg_is_in_recovery() AS in_recovery, current_setting('transaction_read_only') = 'on' AS read_only",
  );
  const row = rows[0] as { in_recovery: boolean; read_only: boolean } | undefined;
  return { inRecovery: row?.in_recovery === true, readOnly: row?.read_only === true };
}

/** Whether a server with `role` satisfies `wanted`; `prefer-standby` accepts only a standby (its fallback is a second pass). */
export function sessionRoleMatches(role: SessionRole, wanted: TargetSessionAttrs): boolean {
  switch (wanted) {
    case 'any':
      return true;
    case 'read-write':
      return !role.readOnly;
    case 'read-only':
      return role.readOnly;
    case 'primary':
      return !role.inRecovery;
    case 'standby':
    case 'prefer-standby':
      return role.inRecovery;
  }
}

export function describeSessionRole(role: SessionRole): string {
  if (role.inRecovery) return 'a standby (in recovery)';
  return role.readOnly ? 'a read-only primary' : 'a read-write primary';
}
