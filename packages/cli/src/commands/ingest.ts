import type { FileBatchOptions, FileBatchResult, IprsPool } from '@iprs/sdk';
import { ValidationError } from '@iprs/sdk/errors';
import { openIngestFile } from '@iprs/sdk/ingest-file';
import bytes from 'bytes';
import { type Command, InvalidArgumentError } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { ingestKinds, type Ingestion } from '../data-services/ingest-kinds.js';
import { describeBatchResult } from '../data-services/print-batch-result.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, resolveDatabaseUrl } from '../database-target.js';

interface IngestOptions {
  databaseUrl?: string;
  schema?: string;
  force: boolean;
  skipBadRows: boolean;
  createdBy?: string;
  maxFileSize?: number;
}

export function registerIngest(program: Command): void {
  const ingest = program
    .command('ingest')
    .description('ingest a file as one ingestion batch (all-or-nothing by default)');
  for (const kind of ingestKinds) {
    ingest
      .command(`${kind.name} <file>`)
      .description(`ingest ${kind.description}`)
      .option('--database-url <url>', databaseUrlOptionHelp)
      .option('--schema <name>', schemaOptionHelp)
      .option('--force', 'ingest even if the same file content was ingested before', false)
      .option('--skip-bad-rows', 'write the good rows and list the bad ones, instead of failing the whole file', false)
      .option('--created-by <name>', 'who uploads the file (recorded on the batch)')
      .option(
        '--max-file-size <size>',
        `refuse a larger file, e.g. 200MB or 5GB (default ${bytes.format(kind.defaultMaxFileBytes)})`,
        parseFileSize,
      )
      .action(async (file: string, options: IngestOptions) => {
        await refuseUnfitFile(file, options.maxFileSize ?? kind.defaultMaxFileBytes);
        const target = await resolveDatabaseUrl(options);
        // Loaded here, not at start-up: only ingest needs the worker and its progress bar.
        const { ingestInWorker } = await import('../data-services/ingest-in-worker.js');
        const result = await ingestInWorker({
          kind: kind.name,
          target,
          schema: options.schema,
          options: {
            file,
            force: options.force,
            atomicity: options.skipBadRows ? 'skip-bad-rows' : 'all-or-nothing',
            ...(options.createdBy ? { created_by: options.createdBy } : {}),
            ...(options.maxFileSize === undefined ? {} : { max_file_bytes: options.maxFileSize }),
          },
        });
        process.stdout.write(`${describeBatchResult(result)}\n`);
        if (result.batch.status === 'FAILED') process.exitCode = ExitCode.checkFailed;
      });
  }
}

/**
 * The SDK's own file check, run before the database is even resolved: refusing /dev/zero or an oversized file must not
 * wait for an embedded server to start or a connection to fail. The SDK checks again when it ingests.
 */
async function refuseUnfitFile(file: string, maxFileBytes: number): Promise<void> {
  try {
    await (await openIngestFile(file, maxFileBytes)).close();
  } catch (error) {
    if (error instanceof ValidationError)
      throw new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
    throw error;
  }
}

/** `--max-file-size`: bytes, or a number with a unit (KB, MB, GB, TB; 1 KB = 1024 bytes). */
function parseFileSize(text: string): number {
  const size = /^\d+(\.\d+)?\s*(b|kb|mb|gb|tb)?$/iu.test(text.trim()) ? bytes.parse(text.trim()) : null;
  if (size === null || size < 1) throw new InvalidArgumentError('expected a size such as 500000, 200MB or 5GB');
  return Math.floor(size);
}

/** Progress on stderr while the file is ingested: a bar with rows/s and ETA on a terminal, a line every few seconds when piped. */
export async function runWithProgress(
  ingest: Ingestion,
  pool: IprsPool,
  options: FileBatchOptions,
): Promise<FileBatchResult> {
  // Imported here: the progress bar's library is loaded by the commands that ingest, not by every `iprs` start.
  const { ingestProgress } = await import('../data-services/ingest-progress.js');
  const progress = ingestProgress(process.stderr);
  try {
    return await ingest(pool, { ...options, onProgress: (update) => progress.update(update) });
  } finally {
    progress.stop();
  }
}
