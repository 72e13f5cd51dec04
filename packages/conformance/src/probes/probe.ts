import type { SchemaSnapshot } from '@iprs/schema';
import type pg from 'pg';
import type { Finding, ObjectType } from '../report/finding.js';
import type { ProbeRowBuilder } from './probe-row-builder.js';

export interface ProbeContext {
  readonly client: pg.ClientBase;
  readonly rows: ProbeRowBuilder;
  readonly manifest: SchemaSnapshot;
}

/** One behavioural assertion, run in its own savepoint inside the probe transaction. */
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
