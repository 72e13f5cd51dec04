import type { DatabaseConnection } from './connect.js';
import { formatText } from './report/format-text.js';
import type { VerificationReport } from './report/verification-report.js';
import { verifySchema, type VerifyOptions } from './verify-schema.js';

/** Thrown by assertSchemaConforms: the message is the text report, the report itself is attached. */
export class SchemaNonconformanceError extends Error {
  readonly report: VerificationReport;

  constructor(report: VerificationReport) {
    super(formatText(report));
    this.name = 'SchemaNonconformanceError';
    this.report = report;
  }
}

/**
 * Verifies and throws SchemaNonconformanceError when the database does not conform; resolves to the report otherwise.
 * Works in any test framework: `await assertSchemaConforms(databaseUrl, { release: '002' })`.
 */
export async function assertSchemaConforms(
  connection: DatabaseConnection,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const report = await verifySchema(connection, options);
  if (!report.conforms) throw new SchemaNonconformanceError(report);
  return report;
}
