import { sql, type ListSqlToken } from 'slonik';
import type { z } from 'zod';

const built = new WeakMap<z.ZodObject, Map<string, ListSqlToken>>();

/**
 * `"a", "b", …` (optionally `alias."a", …`) for every field of a row schema, so SELECTs fetch exactly what is parsed.
 * Built once per schema and alias: the hot single-row reads would otherwise escape every identifier on every call.
 */
export const columnList = (rowSchema: z.ZodObject, alias?: string): ListSqlToken => {
  let byAlias = built.get(rowSchema);
  if (!byAlias) built.set(rowSchema, (byAlias = new Map()));
  let list = byAlias.get(alias ?? '');
  if (!list) {
    list = sql.join(
      Object.keys(rowSchema.shape).map((column) => sql.identifier(alias ? [alias, column] : [column])),
      sql.fragment`, `,
    );
    byAlias.set(alias ?? '', list);
  }
  return list;
};
