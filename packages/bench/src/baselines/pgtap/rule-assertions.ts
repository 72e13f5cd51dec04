import type { ReleaseRule, SchemaSnapshot } from '@iprs/schema';
import { literal, nameArray, relationOid } from './sql-literal.js';

/** The spec's release rules (exact table list, index count, required FK, every FK indexed) as pgTAP assertions. */
export function ruleAssertions(schema: string, snapshot: SchemaSnapshot, rules: readonly ReleaseRule[]): string[] {
  const s = literal(schema);
  return rules.flatMap((rule): string[] => {
    switch (rule.kind) {
      case 'release-tables':
        return rule.tables.map(
          (table) => `SELECT has_table(${s}, ${literal(table)}, ${literal(`release ${rule.release} table ${table}`)})`,
        );
      case 'release-index-count':
        return [
          `SELECT cmp_ok((SELECT count(*)::int FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = ${s} AND NOT i.indisprimary AND t.relname = ANY(${nameArray(releaseTables(rules, rule.release))})),
             '>=', ${rule.atLeast}, ${literal(`release ${rule.release} has at least ${rule.atLeast} indexes`)})`,
        ];
      case 'required-foreign-key':
        return [
          `SELECT fk_ok(${s}, ${literal(rule.table)}, ${nameArray(rule.columns)}, ${s}, ${literal(rule.referencedTable)}, ${nameArray(rule.referencedColumns)})`,
        ];
      case 'foreign-keys-indexed':
        return snapshot.tables.flatMap((table) =>
          table.foreignKeys.map(
            (fk) => `SELECT ok(EXISTS (
              SELECT 1 FROM pg_index i WHERE i.indrelid = ${relationOid(schema, table.name)}
                AND (SELECT array_agg(a.attname::text ORDER BY k.ordinality) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ordinality)
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE k.ordinality <= ${fk.columns.length}) = ARRAY[${fk.columns.map(literal).join(', ')}]::text[]),
              ${literal(`${fk.name} has an index leading with its columns`)})`,
          ),
        );
    }
  });
}

function releaseTables(rules: readonly ReleaseRule[], release: string): string[] {
  return rules.flatMap((rule) => (rule.kind === 'release-tables' && rule.release === release ? rule.tables : []));
}
