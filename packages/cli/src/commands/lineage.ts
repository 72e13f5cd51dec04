import type { LineageTrace } from '@iprs/sdk';
import { NotFoundError } from '@iprs/sdk/errors';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { formatTable } from '../data-services/format-table.js';
import { withSdkPool } from '../data-services/open-sdk-pool.js';
import { asCliError } from '../database-errors.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, resolveDatabaseUrl } from '../database-target.js';

interface LineageOptions {
  databaseUrl?: string;
  schema?: string;
  openlineage: boolean;
}

export function registerLineage(program: Command): void {
  program
    .command('lineage <feed-id>')
    .description('trace where a feed or ingestion batch came from and what was done to it')
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--schema <name>', schemaOptionHelp)
    .option('--openlineage', 'print OpenLineage 2-0-2 RunEvents (JSON) instead of the table', false)
    .action(async (feedId: string, options: LineageOptions) => {
      const target = await resolveDatabaseUrl(options);
      const { exportOpenLineage, traceLineage } = await import('@iprs/sdk');
      let output: string;
      try {
        output = await withSdkPool(
          target.url,
          async (pool) =>
            options.openlineage
              ? `${JSON.stringify(await exportOpenLineage(pool, feedId), null, 2)}\n`
              : describeLineage(await traceLineage(pool, feedId)),
          options.schema,
        );
      } catch (error) {
        if (error instanceof NotFoundError)
          throw new CliError(`no lineage names ${feedId}`, ExitCode.checkFailed, { cause: error });
        throw asCliError(error, target, options.schema);
      }
      process.stdout.write(output);
    });
}

/** A lineage trace as a person reads it. */
export function describeLineage(trace: LineageTrace): string {
  const lines: string[] = [];
  if (trace.feed) {
    const { feed } = trace;
    lines.push(
      `feed ${feed.feed_id}: ${feed.feed_type} as of ${feed.as_of_date} from ${feed.source}, validation ${feed.validation_status}`,
    );
    for (const finding of feed.validation_findings_json as Array<{ severity: string; code: string; message: string }>) {
      lines.push(`  ${finding.severity} ${finding.code}: ${finding.message}`);
    }
  }
  if (trace.batch) {
    const { batch } = trace;
    lines.push(
      `batch ${batch.batch_id}: ${batch.batch_type} ${batch.status}, ${batch.record_count} rows from ${batch.source_file ?? '(no file)'}`,
    );
  }
  if (trace.parentBatch)
    lines.push(`arrived in batch ${trace.parentBatch.batch_id} (${trace.parentBatch.source_file ?? 'no file'})`);
  lines.push(
    formatTable(
      ['ingested at', 'source', 'steps', 'quality'],
      trace.records.map((record) => [
        record.ingested_at.toISOString(),
        `${record.source_system}${record.source_identifier ? `:${record.source_identifier}` : ''}`,
        record.transformation_chain.join(' → '),
        record.quality_checks_passed ? 'passed' : 'FAILED',
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}
