export interface PostgresErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  detail?: unknown;
  message?: unknown;
  severity?: unknown;
  address?: unknown;
  port?: unknown;
}

/** The pg error behind a Slonik error (Slonik wraps it as `cause`), or the error itself. */
export const postgresFieldsOf = (error: unknown): PostgresErrorFields => {
  if (typeof error !== 'object' || error === null) return {};
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause === 'object' && cause !== null && typeof (cause as PostgresErrorFields).code === 'string') {
    return cause as PostgresErrorFields;
  }
  return error as PostgresErrorFields;
};
