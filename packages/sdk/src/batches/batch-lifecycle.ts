import type { BatchStatus } from '../schemas/enums.js';

/**
 * STARTED → VALIDATING → COMPLETED | FAILED. A batch may also fail before validation begins (an unreadable file),
 * so STARTED → FAILED is allowed; COMPLETED and FAILED are final.
 */
export const batchTransitions: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = {
  STARTED: ['VALIDATING', 'FAILED'],
  VALIDATING: ['COMPLETED', 'FAILED'],
  COMPLETED: [],
  FAILED: [],
};

export function isTerminalBatchStatus(status: BatchStatus): boolean {
  return batchTransitions[status].length === 0;
}
