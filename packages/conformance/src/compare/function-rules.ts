import type { FunctionSnapshot } from '@iprs/schema';
import type { NamedObjectRules } from './compare-named.js';
import { differingProperties } from './property-difference.js';
import { sameRoutineText } from './same-routine-text.js';

export const functionRules: NamedObjectRules<FunctionSnapshot> = {
  objectType: 'function',
  table: null,
  key: (fn) => fn.signature,
  label: (fn) => fn.signature,
  differences: (expected, actual) => {
    const differences = differingProperties(expected, actual, [
      'kind',
      'resultType',
      'language',
      'volatility',
      'securityDefiner',
    ]);
    // Otherwise compare the whole definition, which carries the body (comments and layout aside).
    if (differences.length > 0 || sameRoutineText(expected.definition, actual.definition)) return differences;
    return differingProperties(expected, actual, ['definition']);
  },
  fixMissing: (fn) => withSemicolon(fn.definition),
  fixDifferent: (expected, actual, differences) =>
    // CREATE OR REPLACE cannot change a function's result type or kind.
    differences.some((difference) => difference.property === 'resultType' || difference.property === 'kind')
      ? `DROP ${actual.kind.toUpperCase()} ${actual.signature};\n${withSemicolon(expected.definition)}`
      : withSemicolon(expected.definition),
  fixUnexpected: (fn) => `DROP ${fn.kind.toUpperCase()} ${fn.signature};`,
  summary: (fn) => fn.signature,
};

function withSemicolon(definition: string): string {
  return `${definition.trimEnd()};`;
}
