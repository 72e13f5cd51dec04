import type { CatalogModel } from '../catalog/catalog-model.js';
import type { CheckConstraintSnapshot, ColumnSnapshot, TableSnapshot } from '../manifest/schema-snapshot.js';
import { sameText, type SameExpression } from './same-expression.js';
import type { ShapeDifference } from './shape-difference.js';

type ConstraintType = Extract<
  ShapeDifference['objectType'],
  'primary key' | 'unique key' | 'foreign key' | 'check constraint' | 'exclusion constraint'
>;

const constraintTypes: Readonly<Record<string, ConstraintType>> = {
  p: 'primary key',
  u: 'unique key',
  f: 'foreign key',
  c: 'check constraint',
  x: 'exclusion constraint',
};

const relationKinds: Readonly<Record<string, string>> = {
  v: 'a view',
  m: 'a materialized view',
  f: 'a foreign table',
  S: 'a sequence',
  i: 'an index',
  I: 'a partitioned index',
  c: 'a composite type',
};

/**
 * Compares what the release requires of each table with the catalog: every column (type, nullability, default,
 * identity, generation), key, foreign key, CHECK and index of the manifest must be there with the same definition, and
 * no other column may be NOT NULL without a default (it would make the SDK's inserts fail). Other extra objects are
 * left to `iprs verify`. Defaults and CHECK expressions spelled otherwise are judged with `sameExpression`.
 */
export function shapeDifferences(
  expected: readonly TableSnapshot[],
  catalog: CatalogModel,
  sameExpression: SameExpression = sameText,
): readonly ShapeDifference[] {
  const tables = new Map(catalog.snapshot.tables.map((table) => [table.name, table]));
  const otherRelations = new Map(catalog.otherRelations.map((relation) => [relation.name, relation.kind]));
  return expected.flatMap((table): ShapeDifference[] => {
    const found = tables.get(table.name);
    if (found) {
      return [
        ...columnDifferences(table, found, sameExpression),
        ...constraintDifferences(table, found, sameExpression),
        ...indexDifferences(table, found),
      ];
    }
    const otherKind = otherRelations.get(table.name);
    if (otherKind === undefined) {
      return [{ table: table.name, objectType: 'table', object: table.name, problem: 'is missing' }];
    }
    const kind = relationKinds[otherKind] ?? `a relation of kind ${otherKind}`;
    return [{ table: table.name, objectType: 'table', object: table.name, problem: `is ${kind}, not a table` }];
  });
}

function columnDifferences(
  table: TableSnapshot,
  found: TableSnapshot,
  sameExpression: SameExpression,
): ShapeDifference[] {
  const columns = new Map(found.columns.map((column) => [column.name, column]));
  const expectedNames = new Set(table.columns.map((column) => column.name));
  const difference = (column: string, problem: string): ShapeDifference => ({
    table: table.name,
    objectType: 'column',
    object: `${table.name}.${column}`,
    problem,
  });
  const ofExpected = table.columns.flatMap((want) => {
    const have = columns.get(want.name);
    if (!have) return [difference(want.name, `is missing (expected ${describeColumn(want)})`)];
    return columnProblems(want, have, sameExpression).map((problem) => difference(want.name, problem));
  });
  const extraRequired = found.columns
    .filter((column) => !expectedNames.has(column.name) && isRequiredOnInsert(column))
    .map((column) =>
      difference(column.name, 'is NOT NULL without a default and not part of the release: inserts that omit it fail'),
    );
  return [...ofExpected, ...extraRequired];
}

function columnProblems(want: ColumnSnapshot, have: ColumnSnapshot, sameExpression: SameExpression): string[] {
  const problems: string[] = [];
  if (have.type !== want.type) problems.push(`has type ${have.type}, expected ${want.type}`);
  if (have.notNull !== want.notNull) {
    problems.push(want.notNull ? 'is nullable, expected NOT NULL' : 'is NOT NULL, expected nullable');
  }
  if (!sameExpression(want.default, have.default)) {
    problems.push(`has default ${have.default ?? '(none)'}, expected ${want.default ?? '(none)'}`);
  }
  if (have.identity !== want.identity) {
    problems.push(`has identity ${have.identity ?? '(none)'}, expected ${want.identity ?? '(none)'}`);
  }
  if (have.generated !== want.generated) {
    problems.push(`is generated ${have.generated ?? '(no)'}, expected ${want.generated ?? '(no)'}`);
  }
  return problems;
}

function isRequiredOnInsert(column: ColumnSnapshot): boolean {
  return column.notNull && column.default === null && column.identity === null && column.generated === null;
}

function describeColumn(column: ColumnSnapshot): string {
  return [column.type, column.notNull ? 'NOT NULL' : null, column.default === null ? null : `DEFAULT ${column.default}`]
    .filter(Boolean)
    .join(' ');
}

function constraintDifferences(
  table: TableSnapshot,
  found: TableSnapshot,
  sameExpression: SameExpression,
): ShapeDifference[] {
  const expected = typedConstraints(table);
  const actual = typedConstraints(found);
  return expected.flatMap((want): ShapeDifference[] => {
    const objectType = constraintTypes[want.type] ?? 'check constraint';
    // A table has one primary key whatever it is called; other constraints are known by name (the SDK's errors are).
    const have =
      want.type === 'p'
        ? actual.find((constraint) => constraint.type === 'p')
        : actual.find((constraint) => constraint.name === want.name);
    const difference = (problem: string): ShapeDifference => ({
      table: table.name,
      objectType,
      object: want.name,
      problem,
    });
    if (!have) return [difference(`is missing (expected ${want.definition})`)];
    const problems: ShapeDifference[] = [];
    if (have.type !== want.type) {
      problems.push(difference(`is a ${constraintTypes[have.type] ?? have.type}, expected a ${objectType}`));
    } else if (have.definition !== want.definition && !sameCheck(want, have, sameExpression)) {
      problems.push(difference(`is ${have.definition}, expected ${want.definition}`));
    }
    if (have.name !== want.name) problems.push(difference(`is named ${have.name}`));
    return problems;
  });
}

/** CHECKs spelled differently that mean the same: the same expression, NOT VALID, NOT ENFORCED and NO INHERIT. */
function sameCheck(want: TypedConstraint, have: TypedConstraint, sameExpression: SameExpression): boolean {
  if (!want.check || !have.check) return false;
  const flags = ({ check }: TypedConstraint) => [check?.validated, check?.enforced, check?.noInherit].join();
  return flags(want) === flags(have) && sameExpression(want.check.expression, have.check.expression);
}

interface TypedConstraint {
  /** pg_constraint.contype */
  readonly type: string;
  readonly name: string;
  readonly definition: string;
  readonly check?: CheckConstraintSnapshot;
}

/** A table's keys, foreign keys, CHECKs and exclusion constraints in one list, each with its pg_constraint.contype. */
function typedConstraints(table: TableSnapshot): TypedConstraint[] {
  return [
    ...(table.primaryKey ? [{ type: 'p', ...table.primaryKey }] : []),
    ...table.uniqueKeys.map((key) => ({ type: 'u', ...key })),
    ...table.foreignKeys.map((key) => ({ type: 'f', ...key })),
    ...table.checks.map((check) => ({ type: 'c', ...check, check })),
    ...table.exclusionConstraints.map((constraint) => ({ type: 'x', ...constraint })),
  ];
}

function indexDifferences(table: TableSnapshot, found: TableSnapshot): ShapeDifference[] {
  const indexes = new Map(found.indexes.map((index) => [index.name, index]));
  return table.indexes.flatMap((want): ShapeDifference[] => {
    const have = indexes.get(want.name);
    const difference = (problem: string): ShapeDifference => ({
      table: table.name,
      objectType: 'index',
      object: want.name,
      problem,
    });
    if (!have) return [difference(`is missing (expected ${want.definition})`)];
    if (have.definition === want.definition) return [];
    return [difference(`is ${have.definition}, expected ${want.definition}`)];
  });
}
