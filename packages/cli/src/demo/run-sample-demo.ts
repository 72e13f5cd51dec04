import {
  ingestLoansFile,
  ingestMarketDataFile,
  ingestPositionsFile,
  rollupTree,
  sql,
  traceLineage,
  type FileBatchResult,
  type RollupResult,
} from '@iprs/sdk';
import { runWithProgress } from '../commands/ingest.js';
import { describeLineage } from '../commands/lineage.js';
import { describeRollup } from '../commands/rollup.js';
import { describeBatchResult } from '../data-services/print-batch-result.js';
import { withSdkPool } from '../data-services/open-sdk-pool.js';
import { loadSampleReference } from './load-sample-reference.js';
import { sampleFiles } from './sample-files.js';

export interface SampleDemoOptions {
  /** Verifies the database and prints its report (`iprs demo` passes verifyDemoDatabase). Resolves true when it conforms. */
  readonly verify?: (connectionString: string) => Promise<boolean>;
  readonly write?: (text: string) => void;
  /** The schema holding the iprs tables; default the connection's search_path. */
  readonly schema?: string;
}

/**
 * The data part of `iprs demo`: loads the bundled sample through the real ingestion paths (reference data, market
 * data, positions, loans, and one bad file whose error report is shown), runs verify when given, then prints the
 * rollup in USD and EUR and one lineage trace. Safe to re-run: every file is recognised as already ingested.
 */
export async function runSampleDemo(connectionString: string, options: SampleDemoOptions = {}): Promise<void> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const section = (title: string) => write(`\n== ${title}\n`);
  await withSdkPool(
    connectionString,
    async (pool) => {
      section('Reference data (issuers with ISIN/CUSIP check digits, fund → desk → book → strategy, instruments)');
      const created = await loadSampleReference(pool, sampleFiles.reference);
      write(
        `created ${created.issuers} issuers, ${created.nodes} portfolio nodes, ${created.instruments} instruments (existing ones kept)\n`,
      );

      const ingest = async (title: string, run: () => Promise<FileBatchResult>) => {
        section(title);
        write(`${describeBatchResult(await run())}\n`);
      };
      await ingest('Market data: FX snapshot, yield curves, CDS spreads, ratings from four agencies', () =>
        runWithProgress(ingestMarketDataFile, pool, { file: sampleFiles.marketData, created_by: 'iprs demo' }),
      );
      await ingest('Positions (CSV, streamed)', () =>
        runWithProgress(ingestPositionsFile, pool, { file: sampleFiles.positions, created_by: 'iprs demo' }),
      );
      await ingest('Loan servicing (CSV: LOAN instruments + positions)', () =>
        runWithProgress(ingestLoansFile, pool, { file: sampleFiles.loans, created_by: 'iprs demo' }),
      );
      await ingest('A deliberately bad positions file (all-or-nothing: nothing of it is written)', () =>
        runWithProgress(ingestPositionsFile, pool, { file: sampleFiles.badPositions, created_by: 'iprs demo' }),
      );

      if (options.verify) {
        section('iprs verify');
        write((await options.verify(connectionString)) ? 'verify passed\n' : 'verify reported problems (see above)\n');
      }

      let fxSnapshotId = '';
      for (const reportingCcy of ['USD', 'EUR']) {
        section(
          `Rollup in ${reportingCcy} as of ${sampleAsOf} (funds, desks and books; \`iprs rollup NODE --ccy ${reportingCcy} --as-of ${sampleAsOf}\` shows any subtree)`,
        );
        const rollup = await rollupTree(pool, { reporting_ccy: reportingCcy, as_of: sampleAsOf });
        fxSnapshotId = rollup.fxSnapshotId;
        write(describeRollup(upToBooks(rollup, reportingCcy === 'EUR' ? 'FUND-PRIVATE-DEBT' : undefined)));
      }

      section('Lineage of the FX feed');
      const fxFeedId = (await pool.oneFirst(sql.unsafe`
      SELECT feed_id FROM market_data_feed WHERE feed_type = 'FX_SPOT' AND payload_json->>'snapshot_id' = ${fxSnapshotId}
      ORDER BY created_at LIMIT 1`)) as string;
      write(describeLineage(await traceLineage(pool, fxFeedId)));
      write(`(iprs lineage ${fxFeedId} --openlineage prints it as OpenLineage RunEvents)\n`);
    },
    options.schema,
  );
}

/** The business date of the bundled sample: the rollups convert with the FX snapshot in force on it. */
const sampleAsOf = '2026-01-15';

/** Funds, desks and books (strategies left out for length); only one fund's subtree when `fundId` is given. */
function upToBooks(rollup: RollupResult, fundId?: string): RollupResult {
  const nodes = rollup.nodes.filter(
    (node) => node.nodeType !== 'STRATEGY' && (fundId === undefined || node.portfolioNodeId.startsWith(fundId)),
  );
  return { ...rollup, nodes };
}
