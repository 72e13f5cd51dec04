import type { TriggerSnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { differingProperties } from './property-difference.js';
import { quoteIdentifier as q } from './quote-identifier.js';

export function triggerRules(table: string): NamedObjectRules<TriggerSnapshot> {
  return {
    objectType: 'trigger',
    table,
    key: (trigger) => trigger.name,
    label: (trigger) => trigger.name,
    namedPerTable: true,
    differences: (expected, actual) => {
      const differences = differingProperties(expected, actual, ['timing', 'events', 'level', 'function', 'enabled']);
      // Anything else, e.g. a WHEN condition or an UPDATE OF column list.
      return differences.length > 0 ? differences : differingProperties(expected, actual, ['definition']);
    },
    fixMissing: (trigger) => `${trigger.definition};`,
    fixDifferent: (expected, _actual, differences) =>
      differences.every((difference) => difference.property === 'enabled')
        ? `ALTER TABLE ${q(table)} ENABLE ${expected.enabled === 'origin' ? '' : `${expected.enabled.toUpperCase()} `}TRIGGER ${q(expected.name)};`
        : `${expected.definition.replace(/^CREATE TRIGGER/, 'CREATE OR REPLACE TRIGGER')};`,
    fixUnexpected: (trigger) => `DROP TRIGGER ${q(trigger.name)} ON ${q(table)};`,
    summary: (trigger) => trigger.definition,
  };
}
