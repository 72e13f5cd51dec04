import { checkResult, type CheckResult } from '../report/check-result.js';
import type { Finding, JsonValue, ObjectType, Severity } from '../report/finding.js';
import type { PropertyDifference } from './property-difference.js';

export interface NamedObjectRules<T> {
  readonly objectType: ObjectType;
  /** The table the objects belong to; null for functions. */
  readonly table: string | null;
  readonly key: (object: T) => string;
  /** The object's name as shown in findings (`position.status` for a column). */
  readonly label: (object: T) => string;
  /**
   * Set for objects whose names PostgreSQL keeps unique only per table (foreign keys, CHECKs, triggers): check ids and
   * titles name the table too, so two tables' same-named constraints never share a check id or JUnit testcase name.
   */
  readonly namedPerTable?: true;
  readonly differences: (expected: T, actual: T) => readonly PropertyDifference[];
  readonly fixMissing: (expected: T) => string | null;
  readonly fixDifferent: (expected: T, actual: T, differences: readonly PropertyDifference[]) => string | null;
  readonly fixUnexpected: (actual: T) => string | null;
  readonly summary: (object: T) => JsonValue;
}

export interface NamedComparison {
  /** One check per expected object. */
  readonly checks: readonly CheckResult[];
  /** Findings for actual objects the release does not have. */
  readonly unexpected: readonly Finding[];
}

/**
 * Matches expected and actual objects by key and turns the mismatches into findings: one check per expected object
 * (missing or different), plus `unexpected` findings for the rest, at `unexpectedSeverity`.
 */
export function compareNamed<T>(
  expected: readonly T[],
  actual: readonly T[],
  rules: NamedObjectRules<T>,
  unexpectedSeverity: Severity,
): NamedComparison {
  const actualByKey = new Map(actual.map((object) => [rules.key(object), object]));
  const expectedKeys = new Set(expected.map(rules.key));
  const base = { objectType: rules.objectType, table: rules.table };
  const checks = expected.map((want) => {
    const label = rules.label(want);
    const have = actualByKey.get(rules.key(want));
    const onTable = rules.namedPerTable && rules.table !== null;
    const id = `catalog/${rules.objectType.replaceAll(' ', '-')}/${onTable ? `${rules.table}.` : ''}${label}`;
    const title = `${rules.objectType} ${label}${onTable ? ` on ${rules.table}` : ''} matches the release`;
    if (have === undefined) {
      return checkResult(id, 'catalog', title, [
        {
          ...base,
          kind: 'missing',
          severity: 'error',
          object: label,
          property: null,
          expected: rules.summary(want),
          actual: null,
          message: `${rules.objectType} ${label} is missing`,
          fix: rules.fixMissing(want),
        },
      ]);
    }
    const differences = rules.differences(want, have);
    const fix = differences.length > 0 ? rules.fixDifferent(want, have, differences) : null;
    return checkResult(
      id,
      'catalog',
      title,
      differences.map((difference) => ({
        ...base,
        kind: 'different',
        severity: 'error',
        object: label,
        property: difference.property,
        expected: difference.expected,
        actual: difference.actual,
        message:
          `${rules.objectType} ${label}: ${difference.property} differs` +
          (difference.explanation
            ? ` (${difference.explanation})`
            : ` (expected ${show(difference.expected)}, actual ${show(difference.actual)})`),
        fix,
      })),
    );
  });
  const unexpected = actual
    .filter((have) => !expectedKeys.has(rules.key(have)))
    .map((have): Finding => ({
      ...base,
      kind: 'unexpected',
      severity: unexpectedSeverity,
      object: rules.label(have),
      property: null,
      expected: null,
      actual: rules.summary(have),
      message: `${rules.objectType} ${rules.label(have)} is not part of the release`,
      fix: rules.fixUnexpected(have),
    }));
  return { checks, unexpected };
}

function show(value: JsonValue): string {
  return value === null ? 'none' : typeof value === 'string' ? value : JSON.stringify(value);
}
