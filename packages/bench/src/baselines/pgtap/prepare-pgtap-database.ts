import { writeFile } from 'node:fs/promises';
import { LEDGER_TABLE, manifestForRelease, migrate, migrations, releaseRules } from '@iprs/schema';
import { withClient } from '@iprs/schema/internal';
import { ledgerAssertions } from './ledger-assertions.js';
import { pgtapFile } from './pgtap-file.js';
import { probeAssertions, probeSetup } from './probe-assertions.js';
import { recordProbeStatements } from './record-probe-statements.js';
import { ruleAssertions } from './rule-assertions.js';
import { structureAssertions } from './structure-assertions.js';

/** Where pgTAP lives in the verified database: outside `public`, so iprs verify does not see its 1,000 functions. */
const pgtapSchema = 'tap';

/**
 * Migrates `databaseUrl` with the runner (iprs verify checks the ledger too), installs pgTAP in its own schema and
 * writes the equivalent assertion file for the newest release's manifest to `file`: the catalog, the ledger, the
 * release rules and the behavioural probes. Returns the assertion count.
 */
export async function preparePgtapDatabase(databaseUrl: string, file: string): Promise<number> {
  await migrate(databaseUrl);
  await withClient(databaseUrl, async (client) => {
    await client.query(`CREATE SCHEMA ${pgtapSchema}`);
    await client.query(`CREATE EXTENSION pgtap SCHEMA ${pgtapSchema}`);
  });
  const manifest = manifestForRelease();
  const probeStatements = await recordProbeStatements(databaseUrl, manifest.schema);
  const assertions = [
    ...structureAssertions('public', manifest.schema, [LEDGER_TABLE]),
    ...ledgerAssertions(LEDGER_TABLE, migrations),
    ...ruleAssertions('public', manifest.schema, releaseRules),
    ...probeAssertions(probeStatements),
  ];
  const script = pgtapFile('public', pgtapSchema, assertions, probeSetup(probeStatements));
  await writeFile(file, script.sql);
  return script.assertions;
}
