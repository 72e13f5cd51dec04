import type {
  CheckConstraintSnapshot,
  ColumnSnapshot,
  ForeignKeyAction,
  ForeignKeySnapshot,
  FunctionSnapshot,
  IndexSnapshot,
  KeyConstraintSnapshot,
  SchemaSnapshot,
  TableSnapshot,
  TriggerEvent,
  TriggerSnapshot,
} from '../manifest/schema-snapshot.js';
import { parseAllowedValues } from './parse-allowed-values.js';
import type { RawCatalog, RawConstraint, RawFunction, RawIndex, RawTrigger } from './raw-catalog.js';

const foreignKeyActions: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};
const matchTypes = { s: 'SIMPLE', f: 'FULL', p: 'PARTIAL' } as const;
const triggerEnabled = { O: 'origin', A: 'always', R: 'replica', D: 'disabled' } as const;
const volatilities = { i: 'immutable', s: 'stable', v: 'volatile' } as const;

/** Turns the raw catalog document into the normalised, sorted snapshot (pure). */
export function buildSnapshot(raw: RawCatalog, schema: string): SchemaSnapshot {
  const tables = raw.tables.map((table): TableSnapshot => {
    const constraints = raw.constraints.filter((constraint) => constraint.table === table.oid);
    const ofType = (type: string) => byName(constraints.filter((constraint) => constraint.type === type));
    const primaryKey = ofType('p')[0];
    return {
      name: table.name,
      ...(table.comment === null ? {} : { comment: table.comment }),
      partitioned: table.partitioned,
      unlogged: table.unlogged,
      rowLevelSecurity: table.rowLevelSecurity,
      columns: raw.columns
        .filter((column) => column.table === table.oid)
        .sort((a, b) => a.position - b.position)
        .map((column): ColumnSnapshot => ({
          name: column.name,
          type: column.type,
          // A NOT VALID NOT NULL does not vouch for existing rows, so the column does not count as NOT NULL.
          notNull: column.notNull && column.notNullValidated,
          default: column.default,
          identity: column.identity === 'a' ? 'always' : column.identity === 'd' ? 'by default' : null,
          generated: column.generated === 's' ? 'stored' : column.generated === 'v' ? 'virtual' : null,
          collation: column.collation,
          ...(column.comment === null ? {} : { comment: column.comment }),
        })),
      primaryKey: primaryKey ? keyConstraint(primaryKey) : null,
      uniqueKeys: ofType('u').map(keyConstraint),
      foreignKeys: ofType('f').map(foreignKey),
      checks: ofType('c').map(check),
      exclusionConstraints: ofType('x').map(keyConstraint),
      indexes: byName(raw.indexes.filter((index) => index.table === table.oid)).map((index) =>
        indexSnapshot(index, schema),
      ),
      triggers: byName(raw.triggers.filter((trigger) => trigger.table === table.oid)).map(triggerSnapshot),
    };
  });
  return {
    tables: byName(tables),
    functions: raw.functions
      .map((fn) => functionSnapshot(fn, schema))
      .sort((a, b) => compareText(a.signature, b.signature)),
  };
}

function constraintFlags(constraint: RawConstraint) {
  return {
    name: constraint.name,
    definition: constraint.definition,
    deferrable: constraint.deferrable,
    initiallyDeferred: constraint.initiallyDeferred,
    validated: constraint.validated,
    enforced: constraint.enforced,
  };
}

function keyConstraint(constraint: RawConstraint): KeyConstraintSnapshot {
  return { ...constraintFlags(constraint), columns: constraint.columns ?? [] };
}

function foreignKey(constraint: RawConstraint): ForeignKeySnapshot {
  return {
    ...constraintFlags(constraint),
    columns: constraint.columns ?? [],
    referencedTable: constraint.referencedTable ?? '',
    referencedSchema: constraint.referencedSchema,
    referencedColumns: constraint.referencedColumns ?? [],
    onDelete: foreignKeyActions[constraint.onDelete] ?? 'NO ACTION',
    onUpdate: foreignKeyActions[constraint.onUpdate] ?? 'NO ACTION',
    match: matchTypes[constraint.match as keyof typeof matchTypes] ?? 'SIMPLE',
  };
}

function check(constraint: RawConstraint): CheckConstraintSnapshot {
  const expression = constraint.expression ?? '';
  return {
    ...constraintFlags(constraint),
    columns: [...(constraint.columns ?? [])].sort(compareText),
    expression,
    noInherit: constraint.noInherit,
    allowedValues: parseAllowedValues(expression),
  };
}

function indexSnapshot(index: RawIndex, schema: string): IndexSnapshot {
  return {
    name: index.name,
    unique: index.unique,
    nullsNotDistinct: index.nullsNotDistinct,
    method: index.method,
    keys: index.keys.map((key) => ({
      expression: key.expression,
      // pg_index.indoption bits: 1 = DESC, 2 = NULLS FIRST.
      descending: (key.option & 1) !== 0,
      nullsFirst: (key.option & 2) !== 0,
      operatorClass: key.operatorClass,
    })),
    include: index.include ?? [],
    predicate: index.predicate,
    valid: index.valid,
    definition: withoutSchema(index.definition, schema, / ON (?:ONLY )?/),
  };
}

function triggerSnapshot(trigger: RawTrigger): TriggerSnapshot {
  // pg_trigger.tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD OF.
  const events: TriggerEvent[] = [];
  if (trigger.type & 4) events.push('INSERT');
  if (trigger.type & 16) events.push('UPDATE');
  if (trigger.type & 8) events.push('DELETE');
  if (trigger.type & 32) events.push('TRUNCATE');
  return {
    name: trigger.name,
    timing: trigger.type & 64 ? 'INSTEAD OF' : trigger.type & 2 ? 'BEFORE' : 'AFTER',
    events,
    level: trigger.type & 1 ? 'ROW' : 'STATEMENT',
    function: trigger.function,
    enabled: triggerEnabled[trigger.enabled as keyof typeof triggerEnabled] ?? 'origin',
    definition: trigger.definition,
  };
}

function functionSnapshot(fn: RawFunction, schema: string): FunctionSnapshot {
  return {
    signature: `${fn.name}(${fn.arguments})`,
    name: fn.name,
    kind: fn.kind === 'p' ? 'procedure' : 'function',
    resultType: fn.resultType,
    language: fn.language,
    volatility: volatilities[fn.volatility as keyof typeof volatilities] ?? 'volatile',
    securityDefiner: fn.securityDefiner,
    definition: withoutSchema(fn.definition, schema, /^CREATE OR REPLACE (?:FUNCTION|PROCEDURE) /),
  };
}

/** Drops the verified schema's qualifier that pg_get_indexdef/pg_get_functiondef always print after `anchor`. */
function withoutSchema(definition: string, schema: string, anchor: RegExp): string {
  const match = anchor.exec(definition);
  if (!match) return definition;
  const at = match.index + match[0].length;
  for (const qualifier of [`${schema}.`, `"${schema.replaceAll('"', '""')}".`]) {
    if (definition.startsWith(qualifier, at)) return definition.slice(0, at) + definition.slice(at + qualifier.length);
  }
  return definition;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name, b.name));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
