import type { RunStatus } from '../schemas/enums.js';

/**
 * PENDING → RUNNING → COMPLETED | FAILED. A run may also fail before it starts (bad configuration), so PENDING → FAILED
 * is allowed; COMPLETED and FAILED are final.
 */
export const runTransitions: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  PENDING: ['RUNNING', 'FAILED'],
  RUNNING: ['COMPLETED', 'FAILED'],
  COMPLETED: [],
  FAILED: [],
};

export function isTerminalRunStatus(status: RunStatus): boolean {
  return runTransitions[status].length === 0;
}
