/**
 * The roles `applyGrants` (sql/roles/grants.sql) creates and `iprs verify --grants` checks: the migrator owns the DDL,
 * the writer reads and writes rows, the reader only reads. Roles are cluster-wide, so the names are fixed.
 */
export const iprsRoles = {
  migrator: 'iprs_migrator',
  writer: 'iprs_writer',
  reader: 'iprs_reader',
} as const;

export type IprsRole = (typeof iprsRoles)[keyof typeof iprsRoles];

/** The table privileges each data role holds on every table of the schema (on the ledger the writer only reads). */
export const rolePrivileges = {
  [iprsRoles.writer]: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  [iprsRoles.reader]: ['SELECT'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
