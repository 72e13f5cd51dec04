import type { z } from 'zod';
import { fail, type FeedFinding } from './feed-finding.js';

/** Parses a payload's shape; a malformed payload becomes FAIL findings (`PAYLOAD_SHAPE`) instead of an exception. */
export function parsePayloadShape<S extends z.ZodType>(
  schema: S,
  payload: unknown,
): { readonly data: z.output<S> } | { readonly findings: FeedFinding[] } {
  const result = schema.safeParse(payload);
  if (result.success) return { data: result.data };
  return {
    findings: result.error.issues.map((issue) =>
      fail('PAYLOAD_SHAPE', issue.path.map(String).join('.'), issue.message),
    ),
  };
}
