import type { SchemaSnapshot, TableSnapshot } from '@iprs/schema';
import { constraintOid, literal, nameArray, relationOid } from './sql-literal.js';

/**
 * pgTAP assertions for everything `iprs verify` compares structurally: pgTAP's own helper where one exists, plus an
 * `is()` on the deparsed definition where the helper does not look (ON DELETE actions, predicates, CHECK expressions,
 * defaults, INCLUDE columns) — what a careful pgTAP user would write to cover the same ground.
 */
export function structureAssertions(
  schema: string,
  snapshot: SchemaSnapshot,
  extraTables: readonly string[],
): string[] {
  const s = literal(schema);
  const tableNames = [...snapshot.tables.map((table) => table.name), ...extraTables].sort();
  return [
    `SELECT tables_are(${s}, ${nameArray(tableNames)})`,
    `SELECT functions_are(${s}, ${nameArray([...new Set(snapshot.functions.map((fn) => fn.name))])})`,
    ...snapshot.functions.flatMap((fn) => {
      const args = /\((.*)\)$/.exec(fn.signature)?.[1] ?? '';
      const argTypes = args === '' ? [] : args.split(',').map((arg) => arg.trim());
      return [
        `SELECT has_function(${s}, ${literal(fn.name)}, ${nameArray(argTypes)})`,
        `SELECT function_lang_is(${s}, ${literal(fn.name)}, ${nameArray(argTypes)}, ${literal(fn.language)})`,
        `SELECT volatility_is(${s}, ${literal(fn.name)}, ${nameArray(argTypes)}, ${literal(fn.volatility)})`,
        `SELECT is(${unqualified(schema, `pg_get_functiondef(${literal(`${schema}.${fn.signature}`)}::regprocedure)`)}, ${literal(fn.definition)}, ${literal(`${fn.signature} definition`)})`,
      ];
    }),
    ...snapshot.tables.flatMap((table) => tableAssertions(schema, table)),
  ];
}

/** pg_get_indexdef, pg_get_triggerdef and pg_get_functiondef always qualify; the snapshot's definitions do not. */
function unqualified(schema: string, definition: string): string {
  return `replace(${definition}, ${literal(` ${schema}.`)}, ' ')`;
}

function tableAssertions(schema: string, table: TableSnapshot): string[] {
  const s = literal(schema);
  const t = literal(table.name);
  const definitionIs = (constraint: string, definition: string) =>
    `SELECT is(pg_get_constraintdef(${constraintOid(schema, table.name, constraint)}), ${literal(definition)}, ${literal(`${table.name}.${constraint} definition`)})`;
  const keyIndexes = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniqueKeys].map((key) => key.name);
  return [
    `SELECT has_table(${s}, ${t}, ${literal(`table ${table.name}`)})`,
    `SELECT columns_are(${s}, ${t}, ${nameArray(table.columns.map((column) => column.name))})`,
    ...table.columns.flatMap((column) => {
      const c = literal(column.name);
      return [
        `SELECT col_type_is(${s}, ${t}, ${c}, ${literal(column.type)}, ${literal(`${table.name}.${column.name} type`)})`,
        column.notNull
          ? `SELECT col_not_null(${s}, ${t}, ${c}, ${literal(`${table.name}.${column.name} NOT NULL`)})`
          : `SELECT col_is_null(${s}, ${t}, ${c}, ${literal(`${table.name}.${column.name} nullable`)})`,
        column.default === null
          ? `SELECT col_hasnt_default(${s}, ${t}, ${c}, ${literal(`${table.name}.${column.name} has no default`)})`
          : `SELECT is((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
              WHERE d.adrelid = ${relationOid(schema, table.name)} AND a.attname = ${c}), ${literal(column.default)}, ${literal(`${table.name}.${column.name} default`)})`,
      ];
    }),
    ...(table.primaryKey
      ? [
          `SELECT col_is_pk(${s}, ${t}, ${nameArray(table.primaryKey.columns)}, ${literal(`${table.name} primary key`)})`,
          definitionIs(table.primaryKey.name, table.primaryKey.definition),
        ]
      : [`SELECT hasnt_pk(${s}, ${t}, ${literal(`${table.name} has no primary key`)})`]),
    ...table.uniqueKeys.flatMap((key) => [
      `SELECT col_is_unique(${s}, ${t}, ${nameArray(key.columns)}, ${literal(`${key.name} unique`)})`,
      definitionIs(key.name, key.definition),
    ]),
    ...table.foreignKeys.flatMap((fk) => [
      `SELECT fk_ok(${s}, ${t}, ${nameArray(fk.columns)}, ${literal(fk.referencedSchema ?? schema)}, ${literal(fk.referencedTable)}, ${nameArray(fk.referencedColumns)})`,
      definitionIs(fk.name, fk.definition),
    ]),
    // col_has_check compares columns in constraint order, the snapshot sorts them: use it for one-column checks only.
    ...table.checks.flatMap((check) => [
      ...(check.columns.length === 1
        ? [`SELECT col_has_check(${s}, ${t}, ${nameArray(check.columns)}, ${literal(`${check.name} exists`)})`]
        : []),
      definitionIs(check.name, check.definition),
    ]),
    `SELECT indexes_are(${s}, ${t}, ${nameArray([...keyIndexes, ...table.indexes.map((index) => index.name)])})`,
    ...table.indexes.flatMap((index) => {
      const i = literal(index.name);
      return [
        // pgTAP lists INCLUDE columns among the index's columns.
        `SELECT has_index(${s}, ${t}, ${i}, ${nameArray([...index.keys.map((key) => key.expression), ...index.include])})`,
        `SELECT index_is_type(${s}, ${t}, ${i}, ${literal(index.method)})`,
        index.unique
          ? `SELECT index_is_unique(${s}, ${t}, ${i})`
          : `SELECT ok(NOT (SELECT indisunique FROM pg_index WHERE indexrelid = ${relationOid(schema, index.name)}), ${literal(`${index.name} is not unique`)})`,
        `SELECT is(${unqualified(schema, `pg_get_indexdef(${relationOid(schema, index.name)})`)}, ${literal(index.definition)}, ${literal(`${index.name} definition`)})`,
      ];
    }),
    `SELECT triggers_are(${s}, ${t}, ${nameArray(table.triggers.map((trigger) => trigger.name))})`,
    ...table.triggers.flatMap((trigger) => [
      `SELECT trigger_is(${s}, ${t}, ${literal(trigger.name)}, ${s}, ${literal(trigger.function.replace(/\(.*$/, ''))})`,
      `SELECT is((SELECT ${unqualified(schema, 'pg_get_triggerdef(g.oid)')} FROM pg_trigger g WHERE g.tgrelid = ${relationOid(schema, table.name)} AND g.tgname = ${literal(trigger.name)}),
        ${literal(trigger.definition)}, ${literal(`${trigger.name} definition`)})`,
    ]),
  ];
}
