import { z } from 'zod';
import { POSITION_STATUSES } from '../schemas/enums.js';
import { idInput } from '../types/input-fields.js';

/** Filters and keyset paging shared by the position listings (ordered by position_id). */
export const positionListOptionsSchema = z.strictObject({
  /** Default: ACTIVE and CLOSED — soft-deleted positions are hidden unless asked for. */
  statuses: z.array(z.enum(POSITION_STATUSES)).min(1).default(['ACTIVE', 'CLOSED']),
  /** Return at most this many rows (default: all). */
  limit: z.number().int().positive().optional(),
  /** Continue after this position_id (the last one of the previous page). */
  after: idInput.optional(),
});
export type PositionListOptions = z.input<typeof positionListOptionsSchema>;
