import { staleSchemaDocs, writeSchemaDocs } from '@iprs/schema';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { releaseManifest } from '../release-manifest.js';

interface DocsCommandOptions {
  release?: string;
  out: string;
  check: boolean;
}

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description(
      'write Markdown per table and a Mermaid ER diagram of a schema release, from its manifest (no database); ' +
        '--check exits 1 when the directory is stale',
    )
    .option('--release <version>', 'the release to document (default: the newest)')
    .option('--out <directory>', 'where the pages go', 'docs/schema')
    .option('--check', 'write nothing; exit 1 listing the pages that differ from a fresh run', false)
    .action((options: DocsCommandOptions) => {
      process.exitCode = docs(options);
    });
}

function docs(options: DocsCommandOptions): number {
  const manifest = releaseManifest(options.release);
  if (options.check) {
    const stale = staleSchemaDocs(manifest, options.out);
    if (stale.length === 0) {
      process.stdout.write(`${options.out} documents release ${manifest.release}\n`);
      return ExitCode.success;
    }
    process.stdout.write(
      `stale pages in ${options.out}: ${stale.join(', ')}; run \`iprs docs --out ${options.out}\`\n`,
    );
    return ExitCode.checkFailed;
  }
  let written: readonly string[];
  try {
    written = writeSchemaDocs(manifest, options.out);
  } catch (error) {
    throw new CliError(
      `cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`,
      ExitCode.usageOrConnection,
      {
        cause: error,
      },
    );
  }
  process.stdout.write(`wrote ${written.length} pages for release ${manifest.release} to ${options.out}\n`);
  return ExitCode.success;
}
