import { generateManifests } from '@iprs/conformance/core';
import { manifests as shippedManifests, type SchemaManifest } from '@iprs/schema';
import { redactUrl } from '@iprs/schema/internal';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { asCliError } from '../database-errors.js';
import { givenDatabaseUrl, refuseEmbeddedServerInCi, type DatabaseTarget } from '../database-target.js';
import { manifestSourceDirectory } from '../manifest-sources/manifest-source-directory.js';
import { writeManifestSources } from '../manifest-sources/write-manifest-sources.js';
import { releaseManifest } from '../release-manifest.js';

interface ManifestCommandOptions {
  databaseUrl?: string;
  release?: string;
  write: boolean;
  check: boolean;
  dir?: string;
}

export function registerManifest(program: Command): void {
  program
    .command('manifest')
    .description(
      'print the expected-schema manifest of a release; --write regenerates every release from the migrations ' +
        '(after editing sql/), --check fails when the shipped manifests are stale',
    )
    .option('--release <version>', 'the release to print (default: the newest)')
    .option('--write', 'regenerate the manifests of all releases into the @iprs/schema sources', false)
    .option('--check', 'regenerate in memory and exit 1 if the shipped manifests differ', false)
    .option(
      '--dir <directory>',
      'where --write puts the generated modules (default: packages/schema/src/manifest/releases)',
    )
    .option(
      '--database-url <url>',
      'a server where a scratch database may be created (default: DATABASE_URL, else a temporary embedded server — never under CI)',
    )
    .action(async (options: ManifestCommandOptions) => {
      process.exitCode = await manifestCommand(options);
    });
}

async function manifestCommand(options: ManifestCommandOptions): Promise<number> {
  if (!options.write && !options.check) {
    process.stdout.write(`${JSON.stringify(releaseManifest(options.release), null, 2)}\n`);
    return ExitCode.success;
  }
  const generated = await generate(options.databaseUrl);
  if (options.check) {
    const stale = staleReleases(generated);
    if (stale.length === 0) {
      process.stdout.write(
        `the shipped manifests match the migrations (releases ${generated.map((m) => m.release).join(', ')})\n`,
      );
      return ExitCode.success;
    }
    process.stdout.write(`stale manifests: ${stale.join(', ')}; run \`pnpm iprs manifest --write\`\n`);
    if (!options.write) return ExitCode.checkFailed;
  }
  let written: readonly string[];
  try {
    written = await writeManifestSources(generated, options.dir ?? manifestSourceDirectory());
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), ExitCode.usageOrConnection, {
      cause: error,
    });
  }
  for (const path of written) process.stdout.write(`wrote ${path}\n`);
  process.stdout.write('rebuild @iprs/schema to ship them (pnpm build, or any pnpm test/iprs run does it)\n');
  return ExitCode.success;
}

/** Applies the migrations release by release on a scratch database of the given (or a provisioned) server. */
async function generate(databaseUrl: string | undefined): Promise<SchemaManifest[]> {
  const given = givenDatabaseUrl({ databaseUrl });
  if (!given) refuseEmbeddedServerInCi();
  const server = given
    ? { connectionString: given.url, kind: given.source, stop: async () => undefined }
    : await (await import('@iprs/testkit')).provisionPostgres({ containers: false }); // Testcontainers is a test tool, not a CLI dependency
  process.stderr.write(`generating manifests on ${redactUrl(server.connectionString)} (${server.kind})\n`);
  const target: DatabaseTarget = given ?? { url: server.connectionString, source: 'embedded' };
  try {
    return await generateManifests(server.connectionString);
  } catch (error) {
    throw asCliError(error, target);
  } finally {
    await server.stop();
  }
}

function staleReleases(generated: readonly SchemaManifest[]): string[] {
  const shipped = new Map(shippedManifests.map((manifest) => [manifest.release, JSON.stringify(manifest)]));
  const releases = new Set([...shipped.keys(), ...generated.map((manifest) => manifest.release)]);
  const fresh = new Map(generated.map((manifest) => [manifest.release, JSON.stringify(manifest)]));
  return [...releases].filter((release) => shipped.get(release) !== fresh.get(release)).sort();
}
