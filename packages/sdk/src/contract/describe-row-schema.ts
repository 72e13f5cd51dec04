import { z } from 'zod';
import { columnFamilies } from '../types/column-types.js';
import type { ContractColumn } from './row-schema-columns.js';

/** Column name, nullability and PostgreSQL type family of every field of a row schema. */
export const describeRowSchema = (rowSchema: z.ZodObject): ContractColumn[] =>
  Object.entries(rowSchema.shape).map(([name, field]) => {
    const nullable = field instanceof z.ZodNullable;
    const inner = nullable ? (field as z.ZodNullable).unwrap() : field;
    return { name, nullable, family: columnFamilies.get(inner as z.ZodType)?.family ?? null };
  });
