import {
  compareReleases,
  type ReleaseRule,
  type SchemaManifest,
  type SchemaSnapshot,
  type TableSnapshot,
} from '@iprs/schema';
import { checkResult, type CheckResult } from '../report/check-result.js';
import type { Finding } from '../report/finding.js';

/**
 * Evaluates the spec's release rules that apply to `release` (pure): against the live catalog, and for
 * `release-tables` also against the manifests, so a wrong sql/ cannot hide behind a manifest regenerated from it.
 * "Exactly" is a property of the release (its manifest); on the live database the rule requires the tables to exist,
 * and a table someone added is an unexpected object (catalog/unexpected/tables), a warning unless strict.
 */
export function checkReleaseRules(
  rules: readonly ReleaseRule[],
  release: string,
  manifests: readonly SchemaManifest[],
  actual: SchemaSnapshot,
): CheckResult[] {
  return rules
    .filter((rule) => compareReleases(rule.release, release) <= 0)
    .map((rule) => {
      switch (rule.kind) {
        case 'release-tables':
          return releaseTables(rule.release, rule.tables, manifests, actual);
        case 'release-index-count':
          return releaseIndexCount(rule.release, rule.atLeast, manifests, actual);
        case 'required-foreign-key':
          return requiredForeignKey(rule, actual);
        case 'foreign-keys-indexed':
          return foreignKeysIndexed(release, manifests, actual);
      }
    });
}

function ruleFinding(
  message: string,
  expected: Finding['expected'],
  actual: Finding['actual'],
  extra: Partial<Finding> = {},
): Finding {
  return {
    kind: 'different',
    severity: 'error',
    objectType: 'rule',
    object: 'schema',
    table: null,
    property: null,
    expected,
    actual,
    message,
    fix: null,
    ...extra,
  };
}

/** The tables a release adds: those of its manifest that the previous release's manifest does not have. */
function tablesIntroducedBy(release: string, manifests: readonly SchemaManifest[]): string[] | null {
  const index = manifests.findIndex((manifest) => compareReleases(manifest.release, release) === 0);
  const manifest = manifests[index];
  if (!manifest) return null;
  const before = new Set(manifests[index - 1]?.schema.tables.map((table) => table.name) ?? []);
  return manifest.schema.tables.map((table) => table.name).filter((name) => !before.has(name));
}

function releaseTables(
  release: string,
  tables: readonly string[],
  manifests: readonly SchemaManifest[],
  actual: SchemaSnapshot,
): CheckResult {
  const findings: Finding[] = [];
  const introduced = tablesIntroducedBy(release, manifests);
  const expected = [...tables].sort();
  if (introduced && JSON.stringify([...introduced].sort()) !== JSON.stringify(expected)) {
    const absent = expected.filter((name) => !introduced.includes(name));
    const extra = introduced.filter((name) => !expected.includes(name));
    const differences = [
      absent.length > 0 && `without ${absent.join(', ')}`,
      extra.length > 0 && `with ${extra.join(', ')}`,
    ];
    findings.push(
      ruleFinding(
        `release ${release} must add exactly the spec's ${tables.length} tables; its manifest adds ${introduced.length}, ` +
          differences.filter(Boolean).join(' and '),
        expected,
        [...introduced].sort(),
      ),
    );
  }
  const present = new Set(actual.tables.map((table) => table.name));
  for (const table of tables.filter((name) => !present.has(name))) {
    findings.push(
      ruleFinding(`release ${release} table ${table} is missing`, table, null, {
        kind: 'missing',
        objectType: 'table',
        object: table,
      }),
    );
  }
  return checkResult(
    `rules/release-${release}-tables`,
    'rules',
    `release ${release} adds exactly the spec's ${tables.length} tables, and all of them exist`,
    findings,
  );
}

/** Indexes besides primary keys on the release's tables, counting unique and exclusion constraints. */
function releaseIndexCount(
  release: string,
  atLeast: number,
  manifests: readonly SchemaManifest[],
  actual: SchemaSnapshot,
): CheckResult {
  const introduced = new Set(tablesIntroducedBy(release, manifests) ?? []);
  const count = actual.tables
    .filter((table) => introduced.has(table.name))
    .reduce(
      (sum, table) => sum + table.indexes.length + table.uniqueKeys.length + table.exclusionConstraints.length,
      0,
    );
  const findings =
    count >= atLeast
      ? []
      : [
          ruleFinding(
            `release ${release} tables have ${count} indexes besides primary keys; at least ${atLeast} required`,
            atLeast,
            count,
          ),
        ];
  return checkResult(
    `rules/release-${release}-index-count`,
    'rules',
    `release ${release} tables have at least ${atLeast} indexes besides primary keys`,
    findings,
  );
}

function requiredForeignKey(
  rule: Extract<ReleaseRule, { kind: 'required-foreign-key' }>,
  actual: SchemaSnapshot,
): CheckResult {
  const link = `${rule.table}(${rule.columns.join(', ')}) → ${rule.referencedTable}(${rule.referencedColumns.join(', ')})`;
  const table = actual.tables.find((candidate) => candidate.name === rule.table);
  const found = table?.foreignKeys.some(
    (foreignKey) =>
      foreignKey.referencedSchema === null &&
      foreignKey.referencedTable === rule.referencedTable &&
      JSON.stringify(foreignKey.columns) === JSON.stringify(rule.columns) &&
      JSON.stringify(foreignKey.referencedColumns) === JSON.stringify(rule.referencedColumns) &&
      foreignKey.validated &&
      foreignKey.enforced,
  );
  const findings = found
    ? []
    : [
        ruleFinding(`required foreign key ${link} is missing`, link, null, {
          kind: 'missing',
          objectType: 'foreign key',
          object: link,
          table: rule.table,
        }),
      ];
  return checkResult(
    `rules/foreign-key/${rule.table}.${rule.columns.join(',')}`,
    'rules',
    `release ${rule.release} link ${link} exists`,
    findings,
  );
}

/**
 * Judges the release's own foreign keys (those of the verified release's manifest) on the live tables: another
 * application's tables and foreign keys someone added are unexpected objects, reported by the catalog checks as
 * warnings unless strict, not rule violations.
 */
function foreignKeysIndexed(
  release: string,
  manifests: readonly SchemaManifest[],
  actual: SchemaSnapshot,
): CheckResult {
  const manifest = manifests.find((candidate) => compareReleases(candidate.release, release) === 0);
  const releaseKeys = new Set(
    manifest?.schema.tables.flatMap((table) =>
      table.foreignKeys.map((foreignKey) => `${table.name}.${foreignKey.name}`),
    ) ?? [],
  );
  const findings = actual.tables.flatMap((table) =>
    table.foreignKeys
      .filter(
        (foreignKey) =>
          releaseKeys.has(`${table.name}.${foreignKey.name}`) && !hasLeadingIndex(table, foreignKey.columns),
      )
      .map((foreignKey) =>
        ruleFinding(
          `foreign key ${foreignKey.name} has no index whose leading columns are (${foreignKey.columns.join(', ')})`,
          `an index on ${table.name} (${foreignKey.columns.join(', ')}, …)`,
          null,
          { kind: 'missing', objectType: 'foreign key', object: foreignKey.name, table: table.name },
        ),
      ),
  );
  return checkResult(
    'rules/foreign-keys-indexed',
    'rules',
    'every foreign key of the release has an index on its referencing columns',
    findings,
  );
}

/** A full (non-partial), valid index or key whose first columns are exactly `columns`, in any order. */
function hasLeadingIndex(table: TableSnapshot, columns: readonly string[]): boolean {
  const wanted = [...columns].sort().join(',');
  const leading = (keys: readonly string[]) => keys.slice(0, columns.length).sort().join(',') === wanted;
  const keyConstraints = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniqueKeys];
  return (
    keyConstraints.some((key) => leading(key.columns)) ||
    table.indexes.some(
      (index) =>
        index.valid &&
        index.predicate === null &&
        index.method === 'btree' &&
        leading(index.keys.map((key) => key.expression)),
    )
  );
}
