/** A complete pgTAP script: plan, assertions, finish, all inside a transaction that is rolled back. */
export interface PgtapFile {
  readonly sql: string;
  readonly assertions: number;
}

/**
 * `pgtapSchema` is where the extension was created (kept out of the verified schema so iprs does not see it); `setup`
 * runs before the plan and is not a test (e.g. the temporary function the probes' statements call).
 */
export function pgtapFile(
  verifiedSchema: string,
  pgtapSchema: string,
  assertions: readonly string[],
  setup: readonly string[] = [],
): PgtapFile {
  const sql = [
    '\\set ON_ERROR_STOP 1',
    '\\pset format unaligned',
    '\\pset tuples_only true',
    '\\pset pager off',
    'BEGIN;',
    `SET LOCAL search_path = ${verifiedSchema}, ${pgtapSchema};`,
    ...setup.map((statement) => `${statement};`),
    `SELECT plan(${assertions.length});`,
    ...assertions.map((assertion) => `${assertion};`),
    'SELECT * FROM finish();',
    'ROLLBACK;',
    '',
  ].join('\n');
  return { sql, assertions: assertions.length };
}
