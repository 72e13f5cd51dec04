import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

export const issuesOf = (issues: readonly z.core.$ZodIssue[]): ValidationIssue[] =>
  issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

/** Validates a caller's input; throws a ValidationError naming the field before any SQL runs. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesOf(result.error.issues), what);
  return result.data;
};
