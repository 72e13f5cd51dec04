import type { SchemaSnapshot, TableSnapshot } from '@iprs/schema';
import { checkResult, skippedCheck, type CheckResult } from '../report/check-result.js';
import type { Finding, Severity } from '../report/finding.js';
import { checkConstraintRules } from './check-constraint-rules.js';
import { columnRules } from './column-rules.js';
import { compareNamed } from './compare-named.js';
import { foreignKeyRules } from './foreign-key-rules.js';
import { functionRules } from './function-rules.js';
import { indexRules } from './index-rules.js';
import { keyConstraintRules } from './key-constraint-rules.js';
import { differingProperties } from './property-difference.js';
import { quoteIdentifier as q } from './quote-identifier.js';
import { createTableSql } from './sql-fixes.js';
import { triggerRules } from './trigger-rules.js';

export interface CompareSchemaOptions {
  /** Unexpected extra objects fail (error) instead of warn. */
  readonly strict?: boolean;
}

/**
 * Compares the expected schema with the actual one (pure): one check per expected table, column, key, foreign key,
 * check constraint, index, trigger and function, plus one per table for objects the release does not have and one
 * each for unexpected tables and functions.
 */
export function compareSchema(
  expected: SchemaSnapshot,
  actual: SchemaSnapshot,
  options: CompareSchemaOptions = {},
): CheckResult[] {
  const unexpectedSeverity: Severity = options.strict ? 'error' : 'warning';
  const actualTables = new Map(actual.tables.map((table) => [table.name, table]));
  const checks = expected.tables.flatMap((table) =>
    compareTable(table, actualTables.get(table.name), unexpectedSeverity),
  );

  const expectedTables = new Set(expected.tables.map((table) => table.name));
  const extraTables = actual.tables
    .filter((table) => !expectedTables.has(table.name))
    .map((table): Finding => ({
      kind: 'unexpected',
      severity: unexpectedSeverity,
      objectType: 'table',
      object: table.name,
      table: null,
      property: null,
      expected: null,
      actual: table.name,
      message: `table ${table.name} is not part of the release`,
      fix: `DROP TABLE ${q(table.name)};`,
    }));
  checks.push(checkResult('catalog/unexpected/tables', 'catalog', 'no tables beyond the release', extraTables));

  const functions = compareNamed(expected.functions, actual.functions, functionRules, unexpectedSeverity);
  checks.push(
    ...functions.checks,
    checkResult('catalog/unexpected/functions', 'catalog', 'no functions beyond the release', functions.unexpected),
  );
  return checks;
}

function compareTable(
  expected: TableSnapshot,
  actual: TableSnapshot | undefined,
  unexpectedSeverity: Severity,
): CheckResult[] {
  const name = expected.name;
  const tableCheck = checkResult(
    `catalog/table/${name}`,
    'catalog',
    `table ${name} matches the release`,
    tableFindings(expected, actual),
  );
  const has = actual ?? expected;
  const comparisons = [
    compareNamed(expected.columns, has.columns, columnRules(name), unexpectedSeverity),
    compareNamed(
      listOf(expected.primaryKey),
      listOf(has.primaryKey),
      keyConstraintRules(name, 'primary key'),
      unexpectedSeverity,
    ),
    compareNamed(expected.uniqueKeys, has.uniqueKeys, keyConstraintRules(name, 'unique key'), unexpectedSeverity),
    compareNamed(
      expected.exclusionConstraints,
      has.exclusionConstraints,
      keyConstraintRules(name, 'exclusion constraint'),
      unexpectedSeverity,
    ),
    compareNamed(expected.foreignKeys, has.foreignKeys, foreignKeyRules(name), unexpectedSeverity),
    compareNamed(expected.checks, has.checks, checkConstraintRules(name), unexpectedSeverity),
    compareNamed(expected.indexes, has.indexes, indexRules(name), unexpectedSeverity),
    compareNamed(expected.triggers, has.triggers, triggerRules(name), unexpectedSeverity),
  ];
  const objectChecks = comparisons.flatMap((comparison) => comparison.checks);
  const extrasId = `catalog/unexpected/${name}`;
  const extrasTitle = `no columns, constraints, indexes or triggers on ${name} beyond the release`;
  if (!actual) {
    const reason = `table ${name} is missing`;
    return [
      tableCheck,
      ...objectChecks.map((check) => skippedCheck(check.id, check.category, check.title, reason)),
      skippedCheck(extrasId, 'catalog', extrasTitle, reason),
    ];
  }
  return [
    tableCheck,
    ...objectChecks,
    checkResult(
      extrasId,
      'catalog',
      extrasTitle,
      comparisons.flatMap((c) => c.unexpected),
    ),
  ];
}

function tableFindings(expected: TableSnapshot, actual: TableSnapshot | undefined): Finding[] {
  const base = { objectType: 'table', object: expected.name, table: null } as const;
  if (!actual) {
    return [
      {
        ...base,
        kind: 'missing',
        severity: 'error',
        property: null,
        expected: expected.name,
        actual: null,
        message: `table ${expected.name} is missing`,
        fix: createTableSql(expected),
      },
    ];
  }
  return differingProperties(expected, actual, ['partitioned', 'unlogged', 'rowLevelSecurity']).map((difference) => ({
    ...base,
    kind: 'different',
    severity: 'error',
    property: difference.property,
    expected: difference.expected,
    actual: difference.actual,
    message: `table ${expected.name}: ${difference.property} differs (expected ${difference.expected}, actual ${difference.actual})`,
    fix:
      difference.property === 'unlogged'
        ? `ALTER TABLE ${q(expected.name)} SET ${expected.unlogged ? 'UNLOGGED' : 'LOGGED'};`
        : difference.property === 'rowLevelSecurity'
          ? `ALTER TABLE ${q(expected.name)} ${expected.rowLevelSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`
          : null,
  }));
}

function listOf<T>(item: T | null): T[] {
  return item ? [item] : [];
}
