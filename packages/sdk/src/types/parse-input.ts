import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * zod issues as field-named ValidationIssues. An unknown key is reported on the object holding it (an empty path at the
 * top level), so it becomes one issue per key, named by the key.
 */
export const issuesOf = (issues: readonly z.core.$ZodIssue[]): ValidationIssue[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: dotted([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: dotted(issue.path), message: issue.message }],
  );

/** Validates a caller's input; throws a ValidationError naming the field before any SQL runs. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesOf(result.error.issues), what);
  return result.data;
};
