import { z } from 'zod';

/** One data-quality check of an ingestion and whether it held; OpenLineage's dataQualityAssertions item. */
const lineageAssertionSchema = z.object({
  assertion: z.string(),
  success: z.boolean(),
  column: z.string().optional(),
});
export type LineageAssertion = z.infer<typeof lineageAssertionSchema>;

/** What iprs keeps in data_lineage.metadata_json; unknown keys written by others are kept as they are. */
export const lineageMetadataSchema = z.looseObject({
  /** Tables the ingestion wrote to, qualified by the schema iprs lives in, e.g. `public.fx_spot`. */
  outputs: z.array(z.string()).default([]),
  assertions: z.array(lineageAssertionSchema).default([]),
  /** The ingestion batch a feed arrived in, when it came in a file. */
  parent_batch_id: z.string().optional(),
  record_count: z.number().optional(),
});
export type LineageMetadata = z.output<typeof lineageMetadataSchema>;
