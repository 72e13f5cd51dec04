import type { ForeignKeySnapshot, TableSnapshot } from '@iprs/schema';
import { quoteIdentifier as q } from '../compare/quote-identifier.js';
import { databaseError, describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { refusedBy, type ProbeRow, type TrialOutcome } from './probe-row-builder.js';
import { countingStatement, whereColumns } from './probe-row-key.js';
import { typedLiteral } from './typed-literal.js';
import type { Finding } from '../report/finding.js';
import type { ProbeSession } from './probe-session.js';
import { ProbeSetupError } from './probe-setup-error.js';
import { absentValue, type ProbeValue } from './probe-values.js';

/** A child row pointing at a parent that does not exist is rejected by the foreign key: SQLSTATE 23503 naming it. */
export function orphanProbe(table: TableSnapshot, foreignKey: ForeignKeySnapshot): Probe {
  const probe = { objectType: 'foreign key', object: foreignKey.name, table: table.name } as const;
  const expected = `rejected by ${foreignKey.name} (SQLSTATE 23503)`;
  const orphanValues = () => {
    const overrides: Record<string, ProbeValue> = {};
    for (const name of foreignKey.columns) {
      const column = table.columns.find((candidate) => candidate.name === name);
      const value = column && absentValue(table, column);
      if (!value) throw new ProbeSetupError(`no probe value for ${table.name}.${name}`);
      overrides[name] = value;
    }
    return overrides;
  };
  return {
    ...probe,
    id: `probes/orphan/${table.name}.${foreignKey.name}`,
    title: `${foreignKey.name} rejects ${withArticle(table.name)} row whose ${foreignKey.referencedTable} does not exist`,
    run: async ({ rows }) => {
      const overrides = orphanValues();
      try {
        await rows.insert(table.name, overrides);
      } catch (error) {
        rethrowUnlessRejection(error);
        const fields = databaseError(error);
        if (fields?.code === '23503' && fields.constraint === foreignKey.name) return [];
        const reason = describeRejection(error);
        return [
          behaviourFinding(
            probe,
            expected,
            reason,
            `an orphan ${table.name} row was not rejected by ${foreignKey.name}: ${reason}`,
          ),
        ];
      }
      return [
        behaviourFinding(
          probe,
          expected,
          'accepted',
          `${table.name} accepted a row referencing ${withArticle(foreignKey.referencedTable)} that does not exist`,
        ),
      ];
    },
    batch: (rows) => {
      const planned = rows.planThen(table.name, orphanValues());
      return (
        planned && {
          chains: [planned.chain],
          judge: ([outcome]) => (refusedBy(outcome, planned.inserts - 1, ['23503'], foreignKey.name) ? [] : null),
        }
      );
    },
  };
}

/** Deleting a referenced parent does what ON DELETE declares: refuse, cascade, set null or set default. */
export function onDeleteProbe(table: TableSnapshot, foreignKey: ForeignKeySnapshot): Probe {
  const probe = { objectType: 'foreign key', object: foreignKey.name, table: table.name } as const;
  const action = foreignKey.onDelete;
  const expected = {
    'NO ACTION': 'delete refused (SQLSTATE 23503)',
    RESTRICT: 'delete refused (SQLSTATE 23001 on PostgreSQL 18+, 23503 before)',
    CASCADE: 'child row deleted with its parent',
    'SET NULL': 'child row kept with the key set to NULL',
    'SET DEFAULT': 'child row kept with the key set to its default',
  }[action];
  // PostgreSQL 18 reports RESTRICT as restrict_violation (23001); earlier versions, and NO ACTION, as 23503.
  const refusalCodes = action === 'RESTRICT' ? ['23001', '23503'] : ['23503'];
  const refuses = action === 'NO ACTION' || action === 'RESTRICT';
  const wanted = refuses
    ? null
    : {
        CASCADE: 'child row deleted',
        'SET NULL': 'child row kept, key NULL',
        'SET DEFAULT': 'child row kept, key changed',
      }[action];
  return {
    ...probe,
    id: `probes/on-delete/${table.name}.${foreignKey.name}`,
    title: `deleting ${withArticle(foreignKey.referencedTable)} row referenced by ${table.name} through ${foreignKey.name}: ON DELETE ${action}`,
    run: async ({ session, rows }) => {
      const parent = await rows.insert(foreignKey.referencedTable);
      const overrides = Object.fromEntries(
        foreignKey.columns.map((name, index) => [name, textValue(parent, foreignKey.referencedColumns[index])]),
      );
      const child = await rows.insert(table.name, overrides);
      const parentTable = rows.table(foreignKey.referencedTable);
      const parentKey = whereColumns(parentTable, foreignKey.referencedColumns, parent);
      const refused = await refusal(session, `DELETE FROM ${q(parentTable.name)} WHERE ${parentKey}`);
      const refusedHere = databaseError(refused);
      const refusedByThisKey =
        refusalCodes.includes(refusedHere?.code ?? '') && refusedHere?.constraint === foreignKey.name;
      if (refuses) {
        if (refusedByThisKey) return [];
        const actual = refused ? describeRejection(refused) : await childOutcome(session, table, child, foreignKey);
        return [
          behaviourFinding(
            probe,
            expected,
            actual,
            `ON DELETE ${action} on ${foreignKey.name} did not refuse the delete: ${actual}`,
          ),
        ];
      }
      if (refused) {
        const reason = describeRejection(refused);
        return [
          behaviourFinding(
            probe,
            expected,
            reason,
            `ON DELETE ${action} on ${foreignKey.name} refused the delete: ${reason}`,
          ),
        ];
      }
      const outcome = await childOutcome(session, table, child, foreignKey);
      return outcome === wanted
        ? []
        : [
            behaviourFinding(
              probe,
              expected,
              outcome,
              `ON DELETE ${action} on ${foreignKey.name} did not behave as declared: ${outcome}`,
            ),
          ];
    },
    batch: (rows) => {
      const childKey = table.primaryKey?.columns ?? table.columns.map((column) => column.name);
      const planned = rows.planChildOf(table.name, foreignKey, (parent, child) => [
        countingStatement(
          `DELETE FROM ${q(foreignKey.referencedTable)} WHERE ${parent.key(foreignKey.referencedColumns)}`,
        ),
        `SELECT jsonb_build_object(${foreignKey.columns.map((name) => `${typedLiteral(name, 'text')}, ${q(name)}::text`).join(', ')})
           FROM ${q(table.name)} WHERE ${child.key(childKey)}`,
      ]);
      if (!planned) return null;
      // Only a pass is judged here; anything else is said as the probe finds it on its own.
      const judge = (outcome: TrialOutcome | undefined): readonly Finding[] | null => {
        if (refuses) return refusedBy(outcome, planned.inserts, refusalCodes, foreignKey.name) ? [] : null;
        const read = outcome?.accepted ? planned.read(outcome.values) : null;
        if (!read) return null;
        return describeChild(foreignKey, read.inserted.row, (read.values[1] ?? null) as ProbeRow | null) === wanted
          ? []
          : null;
      };
      return { chains: [planned.chain], judge: ([outcome]) => judge(outcome) };
    },
  };
}

/** Runs the statement in a savepoint; resolves to the error that refused it, or null when it succeeded. */
async function refusal(session: ProbeSession, statement: string): Promise<unknown> {
  session.later('SAVEPOINT iprs_probe_delete');
  try {
    await session.query(statement);
    session.later('RELEASE SAVEPOINT iprs_probe_delete');
    return null;
  } catch (error) {
    session.later('ROLLBACK TO SAVEPOINT iprs_probe_delete', 'RELEASE SAVEPOINT iprs_probe_delete');
    rethrowUnlessRejection(error);
    return error;
  }
}

/** What became of the child row after its parent was deleted. */
async function childOutcome(
  session: ProbeSession,
  table: TableSnapshot,
  child: ProbeRow,
  foreignKey: ForeignKeySnapshot,
): Promise<string> {
  const key = table.primaryKey?.columns ?? table.columns.map((column) => column.name);
  const select = `SELECT ${foreignKey.columns.map((name) => `${q(name)}::text AS ${q(name)}`).join(', ')} FROM ${q(table.name)}`;
  const where = whereColumns(table, key, child);
  const result = await session.query<Record<string, string | null>>(`${select} WHERE ${where}`);
  return describeChild(foreignKey, child, result.rows[0] ?? null);
}

/** What became of the child row, from its foreign-key columns as text now (`now`: null when it is gone). */
function describeChild(foreignKey: ForeignKeySnapshot, child: ProbeRow, now: ProbeRow | null): string {
  if (!now) return 'child row deleted';
  const values = foreignKey.columns.map((name) => now[name] ?? null);
  if (values.every((value) => value === null)) return 'child row kept, key NULL';
  const unchanged = foreignKey.columns.every((name) => now[name] === child[name]);
  return unchanged ? 'child row kept unchanged' : 'child row kept, key changed';
}

function textValue(row: ProbeRow, column: string | undefined): ProbeValue | null {
  const value = column === undefined ? null : row[column];
  return value === null || value === undefined ? null : { text: value };
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
