import { sql, type ListSqlToken } from 'slonik';
import type { z } from 'zod';

/** `"a", "b", …` (optionally `alias."a", …`) for every field of a row schema, so SELECTs fetch exactly what is parsed. */
export const columnList = (rowSchema: z.ZodObject, alias?: string): ListSqlToken =>
  sql.join(
    Object.keys(rowSchema.shape).map((column) => sql.identifier(alias ? [alias, column] : [column])),
    sql.fragment`, `,
  );
