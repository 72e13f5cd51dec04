import { randomBytes } from 'node:crypto';
import type { AllowedValues, CheckConstraintSnapshot, TableSnapshot } from '@iprs/schema';
import { databaseError, describeRejection, rethrowUnlessRejection } from './database-error.js';
import { behaviourFinding, type Probe } from './probe.js';
import { refusedBy } from './probe-row-builder.js';

type EnumCheck = CheckConstraintSnapshot & { readonly allowedValues: AllowedValues };

/** Every value the enumeration CHECK lists is accepted. */
export function allowedValuesProbe(table: TableSnapshot, check: EnumCheck): Probe {
  const probe = { objectType: 'check constraint', object: check.name, table: table.name } as const;
  const column = check.allowedValues.column;
  // Values accepted together in the batch need no second look when the rest go one by one.
  const acceptedTogether = new Set<string>();
  return {
    ...probe,
    id: `probes/allowed-values/${table.name}.${check.name}`,
    title: `${table.name}.${column} accepts each of its ${check.allowedValues.values.length} allowed values`,
    run: async ({ session, rows }) => {
      const findings = [];
      for (const value of check.allowedValues.values.filter((candidate) => !acceptedTogether.has(candidate))) {
        session.later('SAVEPOINT iprs_probe_value');
        try {
          await rows.insert(table.name, { [column]: { text: value } });
        } catch (error) {
          rethrowUnlessRejection(error);
          const reason = describeRejection(error);
          findings.push(
            behaviourFinding(
              probe,
              `'${value}' accepted`,
              reason,
              `${table.name}.${column} rejected its allowed value '${value}': ${reason}`,
            ),
          );
        } finally {
          session.later('ROLLBACK TO SAVEPOINT iprs_probe_value', 'RELEASE SAVEPOINT iprs_probe_value');
        }
      }
      return findings;
    },
    batch: (rows) => {
      const values = check.allowedValues.values;
      const planned = values.map((value) => rows.planThen(table.name, { [column]: { text: value } }));
      if (planned.some((chain) => !chain)) return null;
      return {
        chains: planned.flatMap((chain) => (chain ? [chain.chain] : [])),
        // The rest go one by one, where the retries (other values, columns filled in) and the reasons are.
        judge: (outcomes) => {
          outcomes.forEach((outcome, index) => {
            const value = values[index];
            if (value !== undefined && outcome.accepted && planned[index]?.read(outcome.values)) {
              acceptedTogether.add(value);
            }
          });
          return acceptedTogether.size === values.length ? [] : null;
        },
      };
    },
  };
}

/** A value outside the list is rejected by that very constraint: SQLSTATE 23514 naming it. */
export function outsideValueProbe(table: TableSnapshot, check: EnumCheck): Probe {
  const probe = { objectType: 'check constraint', object: check.name, table: table.name } as const;
  const column = check.allowedValues.column;
  const expected = `rejected by ${check.name} (SQLSTATE 23514)`;
  return {
    ...probe,
    id: `probes/rejects-outside-value/${table.name}.${check.name}`,
    title: `${check.name} rejects a ${table.name}.${column} value outside its list`,
    run: async ({ rows }) => {
      const outside = outsideValue(table, check.allowedValues);
      try {
        await rows.insert(table.name, { [column]: { text: outside } });
      } catch (error) {
        rethrowUnlessRejection(error);
        const fields = databaseError(error);
        if (fields?.code === '23514' && fields.constraint === check.name) return [];
        const reason = describeRejection(error);
        return [
          behaviourFinding(
            probe,
            expected,
            reason,
            `'${outside}' in ${table.name}.${column} was not rejected by ${check.name}: ${reason}`,
          ),
        ];
      }
      return [
        behaviourFinding(
          probe,
          expected,
          'accepted',
          `${table.name}.${column} accepted '${outside}', which is outside ${check.name}'s list`,
        ),
      ];
    },
    batch: (rows) => {
      const planned = rows.planThen(table.name, { [column]: { text: outsideValue(table, check.allowedValues) } });
      return (
        planned && {
          chains: [planned.chain],
          judge: ([outcome]) => (refusedBy(outcome, planned.inserts - 1, ['23514'], check.name) ? [] : null),
        }
      );
    },
  };
}

function outsideValue(table: TableSnapshot, allowed: AllowedValues): string {
  const type = table.columns.find((column) => column.name === allowed.column)?.type ?? 'text';
  const length = Number(/\((\d+)\)$/.exec(type)?.[1] ?? 40);
  let value = `IPRS_PROBE_${randomBytes(8).toString('hex').toUpperCase()}`.slice(0, length);
  while (allowed.values.includes(value)) value = value.slice(1) + 'Z';
  return value;
}
