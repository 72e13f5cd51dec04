import { manifestForRelease, manifests, releaseRules } from '@iprs/schema';
import { describe, expect, it } from 'vitest';
import { checkReleaseRules, compareSchema, parseAllowedValues, planProbes } from '../src/index.js';

const expected = manifestForRelease().schema;

describe('enumeration CHECKs are parsed from the normalised expression', () => {
  it.each([
    ["(status = ANY (ARRAY['A'::text, 'B'::text]))", { column: 'status', values: ['A', 'B'], allowsNull: false }],
    [
      "((outlook IS NULL) OR (outlook = ANY (ARRAY['UP'::text, 'DOWN'::text])))",
      { column: 'outlook', values: ['UP', 'DOWN'], allowsNull: true },
    ],
    ["(kind = 'ONLY'::text)", { column: 'kind', values: ['ONLY'], allowsNull: false }],
    [
      "((code)::text = ANY ((ARRAY['X'::character varying, 'Y''s'::character varying])::text[]))",
      { column: 'code', values: ['X', "Y's"], allowsNull: false },
    ],
    ['("Mixed Case" = ANY (ARRAY[\'a, b\'::text]))', { column: 'Mixed Case', values: ['a, b'], allowsNull: false }],
  ])('%s', (expression, values) => {
    expect(parseAllowedValues(expression)).toEqual(values);
  });

  it.each([
    "((status = ANY (ARRAY['COMPLETED'::text, 'FAILED'::text])) = (completed_at IS NOT NULL))",
    "((currency IS NULL) OR (currency ~ '^[A-Z]{3}$'::text))",
    '(spot_rate > (0)::numeric)',
    "((a IS NULL) OR (b = ANY (ARRAY['X'::text])))",
    '(n = ANY (ARRAY[1, 2]))',
  ])('not an enumeration: %s', (expression) => {
    expect(parseAllowedValues(expression)).toBeNull();
  });

  it('finds every enumerated column the spec lists in the manifest', () => {
    const enums = expected.tables.flatMap((table) =>
      table.checks.flatMap((check) => (check.allowedValues ? [`${table.name}.${check.allowedValues.column}`] : [])),
    );
    expect(enums).toEqual(
      expect.arrayContaining([
        'instrument.instrument_type',
        'run.run_type',
        'run.status',
        'valuation_result.measure',
        'portfolio_node.node_type',
        'position.status',
        'reference_data.entity_type',
        'rating_history.agency',
        'market_data_feed.feed_type',
        'market_data_feed.validation_status',
        'ingestion_batch.batch_type',
        'ingestion_batch.status',
      ]),
    );
  });
});

describe('comparison is pure and exact', () => {
  it('a snapshot compared with itself has no findings, and one check per object', () => {
    const checks = compareSchema(expected, expected);
    expect(checks.flatMap((check) => check.findings)).toEqual([]);
    const objects = expected.tables.reduce(
      (sum, table) =>
        sum +
        1 +
        1 +
        table.columns.length +
        (table.primaryKey ? 1 : 0) +
        table.uniqueKeys.length +
        table.exclusionConstraints.length +
        table.foreignKeys.length +
        table.checks.length +
        table.indexes.length +
        table.triggers.length,
      0,
    );
    expect(checks).toHaveLength(objects + expected.functions.length + 2);
  });

  it('extra objects warn, and fail under strict', () => {
    const withExtra = {
      ...expected,
      tables: [...expected.tables, { ...(expected.tables[0] as (typeof expected.tables)[number]), name: 'zz_extra' }],
    };
    const lenient = compareSchema(expected, withExtra).flatMap((check) => check.findings);
    expect(lenient.map((finding) => [finding.kind, finding.object, finding.severity])).toEqual([
      ['unexpected', 'zz_extra', 'warning'],
    ]);
    const strict = compareSchema(expected, withExtra, { strict: true }).flatMap((check) => check.findings);
    expect(strict.map((finding) => finding.severity)).toEqual(['error']);
  });
});

describe('check ids and titles', () => {
  // JUnit testcase names are the titles.
  it('stay unique when two tables have constraints and triggers of the same name (a custom manifest may)', () => {
    const [first, second] = expected.tables.filter(
      (table) => table.foreignKeys.length > 0 && table.triggers.length > 0,
    );
    if (!first || !second) throw new Error('the manifest needs two tables with foreign keys and triggers');
    const sameNames = (table: (typeof expected.tables)[number]) => ({
      ...table,
      foreignKeys: table.foreignKeys.map((foreignKey, index) => ({ ...foreignKey, name: `shared_fkey_${index}` })),
      checks: table.checks.map((check, index) => ({ ...check, name: `shared_check_${index}` })),
      triggers: table.triggers.map((trigger, index) => ({ ...trigger, name: `shared_trigger_${index}` })),
    });
    const manifest = { tables: [sameNames(first), sameNames(second)], functions: expected.functions };
    const checks = compareSchema(manifest, manifest);
    for (const key of ['id', 'title'] as const) {
      const values = [...checks, ...planProbes(manifest)].map((check) => check[key]);
      expect(values.filter((value, index) => values.indexOf(value) !== index)).toEqual([]);
    }
    expect(checks.map((check) => check.id)).toEqual(
      expect.arrayContaining([
        `catalog/foreign-key/${first.name}.shared_fkey_0`,
        `catalog/foreign-key/${second.name}.shared_fkey_0`,
      ]),
    );
  });
});

describe("the spec's release rules", () => {
  it('hold for the shipped manifests', () => {
    const checks = checkReleaseRules(releaseRules, manifestForRelease().release, manifests, expected);
    expect(checks.map((check) => check.id)).toEqual([
      'rules/foreign-keys-indexed',
      'rules/release-002-tables',
      'rules/release-002-index-count',
      'rules/foreign-key/position.instrument_id',
    ]);
    expect(checks.flatMap((check) => check.findings)).toEqual([]);
  });

  it('on a live database require the tables to exist; a table someone added is an unexpected object, not a rule failure', () => {
    const audit = { ...(expected.tables[0] as (typeof expected.tables)[number]), name: 'audit_log' };
    const live = { ...expected, tables: [...expected.tables, audit] };
    const [tablesRule] = checkReleaseRules(releaseRules, manifestForRelease().release, manifests, live).filter(
      (check) => check.id === 'rules/release-002-tables',
    );
    expect(tablesRule).toMatchObject({
      status: 'passed',
      title: "release 002 adds exactly the spec's 9 tables, and all of them exist",
    });
    const extras = compareSchema(expected, live).find((check) => check.id === 'catalog/unexpected/tables');
    expect(extras?.findings.map((finding) => [finding.object, finding.severity])).toEqual([['audit_log', 'warning']]);
  });

  it('catch a manifest whose release 002 adds a tenth table, too few indexes, and an unindexed foreign key', () => {
    const release002 = manifests.find((manifest) => manifest.release === '002');
    if (!release002) throw new Error('no release 002');
    const position = release002.schema.tables.find((table) => table.name === 'position');
    if (!position) throw new Error('no position table');
    const stripped = { ...position, name: 'position', indexes: [] };
    const tables = [
      ...release002.schema.tables.filter((table) => table.name !== 'position' && table.name !== 'reference_data'),
      stripped,
      { ...stripped, name: 'tenth_table', foreignKeys: [] },
    ];
    const broken = { ...release002, schema: { ...release002.schema, tables } };
    const checks = checkReleaseRules(
      releaseRules,
      '002',
      [manifests[0] as (typeof manifests)[number], broken],
      broken.schema,
    );
    const failed = Object.fromEntries(
      checks.map((check) => [check.id, check.findings.map((finding) => finding.message)]),
    );
    expect(failed['rules/release-002-tables']).toEqual([
      "release 002 must add exactly the spec's 9 tables; its manifest adds 9, without reference_data and with tenth_table",
      'release 002 table reference_data is missing',
    ]);
    expect(failed['rules/release-002-index-count']?.[0]).toMatch(/at least 12 required/);
    expect(failed['rules/foreign-keys-indexed']).toEqual(
      expect.arrayContaining([expect.stringContaining('position_instrument_id_fkey has no index')]),
    );
  });
});
