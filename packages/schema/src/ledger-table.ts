/** The migration ledger's table name, in the first schema of the connection's search_path. */
export const LEDGER_TABLE = 'iprs_schema_migrations';
