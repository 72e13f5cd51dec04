import { IprsError } from './iprs-error.js';
import type { ValidationIssue } from './validation-error.js';

/** A row returned by PostgreSQL does not match the SDK's zod row schema: the SQL and the SDK have drifted apart. */
export class RowValidationError extends IprsError {
  public static override readonly errorName: string = 'RowValidationError';

  public constructor(
    public readonly sql: string,
    public readonly issues: readonly ValidationIssue[],
  ) {
    const described = issues.map((issue) => `${issue.field || '(row)'}: ${issue.message}`).join('; ');
    super(
      `A row returned by the database does not match its schema (${described}). Query: ${sql.trim().slice(0, 200)}`,
    );
  }
}
