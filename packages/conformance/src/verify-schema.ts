import {
  LEDGER_TABLE,
  manifestForRelease,
  manifests as shippedManifests,
  migrations as shippedMigrations,
  releaseRules,
  compareReleases,
  type Migration,
  type ReleaseRule,
  type SchemaManifest,
} from '@iprs/schema';
import { readCatalogModel } from '@iprs/schema/catalog';
import { ledgerLocation, readLedger } from '@iprs/schema/internal';
import type pg from 'pg';
import { checkGrants } from './checks/check-grants.js';
import { checkLedger, type LedgerEntry } from './checks/check-ledger.js';
import { checkReapply } from './checks/check-reapply.js';
import { checkReleaseRules } from './checks/check-release-rules.js';
import type { ExtraCheck } from './checks/extra-check.js';
import { runExtraChecks } from './checks/run-extra-checks.js';
import { compareSchema } from './compare/compare-schema.js';
import { compareUnmodelled } from './compare/compare-unmodelled.js';
import { expressionSpellingsDiffer, loadExpressionParser } from './compare/expression-meaning.js';
import { openConnection, type DatabaseConnection } from './connect.js';
import { runProbes } from './probes/run-probes.js';
import { summarise, type VerificationReport } from './report/verification-report.js';

export interface VerifyOptions {
  /** The release to verify against (`'002'`, `'2'` or `2`); defaults to the newest. Ignored when `manifest` is given. */
  readonly release?: string | number;
  /** Unexpected extra objects fail instead of warn. Default false. */
  readonly strict?: boolean;
  /** Run the behavioural probes (in a transaction that always rolls back). Default true. */
  readonly probes?: boolean;
  /** Re-run every migration of the release in a rolled-back transaction and prove nothing changes. Default false. */
  readonly reapply?: boolean;
  /** The PostgreSQL schema holding the tables. Default `public`. */
  readonly schema?: string;
  /** Check the iprs roles' grants (sql/roles/grants.sql) under category `grants`. Default false. */
  readonly checkGrants?: boolean;
  /** Checks contributed by other packages (e.g. the SDK's row-schema contract), reported under category `extra`. */
  readonly extraChecks?: readonly ExtraCheck[];
  /** How long any statement may wait for a lock (catalog read, probes, re-apply), in ms; default 1000. */
  readonly lockTimeoutMs?: number;
  /** Statement time limit for probes, in ms; default 5000. */
  readonly statementTimeoutMs?: number;
  /** Verify against this manifest instead of a shipped release (with `migrations` and `rules` to match). */
  readonly manifest?: SchemaManifest;
  /** The migrations the ledger and re-apply checks compare with; default those @iprs/schema ships. */
  readonly migrations?: readonly Migration[];
  /** The spec's release rules; default those @iprs/schema ships (none when a custom `manifest` is given). */
  readonly rules?: readonly ReleaseRule[];
}

/**
 * Proves that a live database matches a schema release: catalog against manifest, the spec's release rules, the
 * migration ledger, behavioural probes, optionally re-applying the migrations, plus any extra checks. Resolves to the
 * report whatever it finds; rejects only when it cannot run at all (DatabaseConnectionError, UnknownReleaseError,
 * CatalogUnavailableError, UnknownSchemaError).
 */
export async function verifySchema(
  connection: DatabaseConnection,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const manifest = options.manifest ?? manifestForRelease(options.release);
  const schema = options.schema ?? 'public';
  const release = manifest.release;
  const migrations = (options.migrations ?? shippedMigrations).filter((m) => compareReleases(m.version, release) <= 0);
  const flags = {
    strict: options.strict ?? false,
    probes: options.probes ?? true,
    reapply: options.reapply ?? false,
    grants: options.checkGrants ?? false,
  };
  const startedAt = new Date();
  const started = performance.now();

  const { client, close } = await openConnection(connection, 'iprs-verify');
  try {
    const database = await describeDatabase(client);
    const model = await readCatalogModel(client, { schema, lockTimeoutMs: options.lockTimeoutMs });
    const { snapshot: catalog, unmodelled } = model;
    if (expressionSpellingsDiffer(manifest.schema, catalog)) await loadExpressionParser();
    const checks = [
      ...compareSchema(manifest.schema, catalog, { strict: flags.strict }),
      ...compareUnmodelled(manifest.schema, catalog, unmodelled, { schema, strict: flags.strict }),
      // The spec's rules describe the shipped releases; a custom manifest brings its own rules, if any.
      ...checkReleaseRules(
        options.rules ?? (options.manifest ? [] : releaseRules),
        release,
        options.manifest ? [manifest] : shippedManifests,
        catalog,
      ),
      ...checkLedger(options.migrations ?? shippedMigrations, release, await readLedgerInVersionOrder(client, schema)),
    ];
    const timeouts = { schema, lockTimeoutMs: options.lockTimeoutMs, statementTimeoutMs: options.statementTimeoutMs };
    if (flags.probes) checks.push(...(await runProbes(client, manifest.schema, timeouts)));
    if (flags.reapply)
      checks.push(...(await checkReapply(client, migrations, { schema, lockTimeoutMs: options.lockTimeoutMs })));
    if (flags.grants)
      checks.push(...(await checkGrants(client, { schema, tables: manifest.schema.tables.map((t) => t.name) })));
    checks.push(...(await runExtraChecks(options.extraChecks ?? [], { catalog, model, manifest })));
    const summary = summarise(checks);
    return {
      formatVersion: 1,
      release,
      schema,
      conforms: summary.failed === 0,
      options: flags,
      database,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      summary,
      checks,
    };
  } finally {
    await close();
  }
}

async function describeDatabase(client: pg.ClientBase): Promise<VerificationReport['database']> {
  const { rows } = await client.query<{ name: string; version: string }>(
    "SELECT current_database() AS name, current_setting('server_version') AS version",
  );
  return { name: rows[0]?.name ?? '', serverVersion: rows[0]?.version ?? '' };
}

/** The ledger in `schema`, ordered by version (the order its findings are reported in); null when it is absent. */
async function readLedgerInVersionOrder(client: pg.ClientBase, schema: string): Promise<LedgerEntry[] | null> {
  const rows = await readLedger(client, ledgerLocation(schema, LEDGER_TABLE));
  return rows ? rows.toSorted((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0)) : null;
}
