import { checkResult, type CheckResult } from '../report/check-result.js';
import type { ExtraCheck, ExtraCheckContext } from './extra-check.js';

export async function runExtraChecks(
  checks: readonly ExtraCheck[],
  context: ExtraCheckContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const id = `extra/${check.id}`;
    try {
      results.push(checkResult(id, 'extra', check.title, await check.run(context)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results.push(
        checkResult(id, 'extra', check.title, [
          {
            kind: 'different',
            severity: 'error',
            objectType: 'rule',
            object: check.id,
            table: null,
            property: null,
            expected: 'the check runs',
            actual: reason,
            message: `check ${check.id} could not run: ${reason}`,
            fix: null,
          },
        ]),
      );
    }
  }
  return results;
}
