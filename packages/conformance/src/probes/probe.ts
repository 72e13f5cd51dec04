import type { SchemaSnapshot } from '@iprs/schema';
import type { Finding, ObjectType } from '../report/finding.js';
import type { PlannedChain, ProbeRowBuilder, ReadChain, TrialOutcome } from './probe-row-builder.js';
import type { ProbeChain } from './probe-rows-function.js';
import type { ProbeSession } from './probe-session.js';

export interface ProbeContext {
  readonly session: ProbeSession;
  readonly rows: ProbeRowBuilder;
  readonly manifest: SchemaSnapshot;
}

/** One behavioural assertion inside the probe transaction, rolled back to the savepoint before it when done. */
export interface Probe {
  readonly id: string;
  readonly title: string;
  /** The object the probe exercises; findings and could-not-run reports name it. */
  readonly objectType: ObjectType;
  readonly object: string;
  readonly table: string | null;
  readonly run: (context: ProbeContext) => Promise<readonly Finding[]>;
  /**
   * The probe as chains that run, with every other probe's, in one round trip, each rolled back after it; may throw
   * ProbeSetupError. Where it is missing, or its judge cannot tell, the probe runs on its own.
   */
  readonly batch?: (rows: ProbeRowBuilder) => BatchedProbe | null;
}

export interface BatchedProbe {
  readonly chains: readonly ProbeChain[];
  /** The findings, from what became of each chain; null when only running the probe on its own can tell. */
  readonly judge: (outcomes: readonly TrialOutcome[]) => readonly Finding[] | null;
}

/** A probe batched as one chain and judged from what it returned; a refused chain leaves the probe to run on its own. */
export function judgedWhenAccepted(
  planned: PlannedChain | null,
  judge: (read: ReadChain) => readonly Finding[] | null,
): BatchedProbe | null {
  return (
    planned && {
      chains: [planned.chain],
      judge: ([outcome]) => {
        const read = outcome?.accepted ? planned.read(outcome.values) : null;
        return read && judge(read);
      },
    }
  );
}

/** A behaviour that differs from what the manifest declares. */
export function behaviourFinding(
  probe: Pick<Probe, 'objectType' | 'object' | 'table'>,
  expected: string,
  actual: string,
  message: string,
): Finding {
  return {
    kind: 'different',
    severity: 'error',
    objectType: probe.objectType,
    object: probe.object,
    table: probe.table,
    property: 'behaviour',
    expected,
    actual,
    message,
    fix: null,
  };
}
