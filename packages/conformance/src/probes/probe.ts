import type { SchemaSnapshot } from '@iprs/schema';
import type { Finding, ObjectType } from '../report/finding.js';
import type { ProbeRowBuilder } from './probe-row-builder.js';
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
