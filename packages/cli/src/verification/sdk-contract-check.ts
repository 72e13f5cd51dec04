import type { ExtraCheck, Finding } from '@iprs/conformance/core';
import { checkColumnsAgainstCatalog, type ContractProblem } from '@iprs/sdk/contract-columns';

/**
 * The SDK's contract test (its zod row schemas against the catalog model) as a verify check. It lives here because
 * the CLI is the one package that sees both sides: @iprs/conformance must not depend on @iprs/sdk. It compares the
 * model verify already read: no connection and no catalog query of its own.
 * A column the SDK does not read is `unexpected`, so it fails only with --strict, like any other extra column.
 */
export function sdkContractCheck(options: { strict: boolean }): ExtraCheck {
  return {
    id: 'sdk-row-schemas',
    title: "the SDK's row schemas match the live columns (names, nullability, type family)",
    run: ({ model }) =>
      checkColumnsAgainstCatalog(model.snapshot).problems.map((problem) => toFinding(problem, options.strict)),
  };
}

function toFinding(problem: ContractProblem, strict: boolean): Finding {
  const unexpected = problem.kind === 'extra_column';
  const missing = problem.kind === 'missing_table' || problem.kind === 'missing_column';
  return {
    kind: missing ? 'missing' : unexpected ? 'unexpected' : 'different',
    severity: unexpected && !strict ? 'warning' : 'error',
    objectType: problem.column === null ? 'table' : 'column',
    object: problem.column === null ? problem.table : `${problem.table}.${problem.column}`,
    table: problem.column === null ? null : problem.table,
    property: problem.kind === 'nullability' || problem.kind === 'type_family' ? problem.kind : null,
    expected: problem.expected,
    actual: problem.actual,
    message: problem.message,
    fix: null,
  };
}
