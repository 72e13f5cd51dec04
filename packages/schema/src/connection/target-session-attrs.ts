/** libpq's `target_session_attrs`: which kind of server a connection must reach among the hosts of a URL. */
export const TARGET_SESSION_ATTRS = ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'] as const;

export type TargetSessionAttrs = (typeof TARGET_SESSION_ATTRS)[number];

export const isTargetSessionAttrs = (value: string): value is TargetSessionAttrs =>
  (TARGET_SESSION_ATTRS as readonly string[]).includes(value);
