import type {} from 'vitest';
import type { DatabaseConnection } from './connect.js';
import { formatText } from './report/format-text.js';
import { verifySchema, type VerifyOptions } from './verify-schema.js';

/**
 * Vitest matchers for consumers' own suites:
 *
 *   import { expect } from 'vitest';
 *   import { conformanceMatchers } from '@iprs/conformance/vitest';
 *   expect.extend(conformanceMatchers);
 *   await expect(databaseUrl).toConformToSchema({ release: '002' });
 *
 * On failure the assertion message is the text report: every finding with its suggested fix.
 */
export const conformanceMatchers = {
  async toConformToSchema(received: DatabaseConnection, options: VerifyOptions = {}) {
    const report = await verifySchema(received, options);
    return {
      pass: report.conforms,
      message: () =>
        report.conforms
          ? `expected the database not to conform to release ${report.release}, but it does`
          : formatText(report),
    };
  },
};

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> {
    /** Verifies the received connection string / client against a schema release (see verifySchema). */
    toConformToSchema(options?: VerifyOptions): Promise<void>;
  }
}
