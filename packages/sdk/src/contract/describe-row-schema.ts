import { z } from 'zod';
import { columnFamilies, type ColumnFamily } from '../types/column-types.js';

export interface DescribedColumn {
  readonly name: string;
  readonly nullable: boolean;
  /** null when the field was not built with a column helper (a bug in the SDK the contract check reports). */
  readonly family: ColumnFamily | null;
}

/** Column name, nullability and PostgreSQL type family of every field of a row schema. */
export const describeRowSchema = (rowSchema: z.ZodObject): DescribedColumn[] =>
  Object.entries(rowSchema.shape).map(([name, field]) => {
    const nullable = field instanceof z.ZodNullable;
    const inner = nullable ? (field as z.ZodNullable).unwrap() : field;
    return { name, nullable, family: columnFamilies.get(inner as z.ZodType)?.family ?? null };
  });
