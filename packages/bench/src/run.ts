import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { profiles, type ProfileName } from './profile.js';
import type { BenchReport } from './report/bench-report.js';
import { formatTable } from './report/format-table.js';
import { mergeRepeats } from './report/merge-repeats.js';
import { repositoryRoot, writeReport } from './report/write-report.js';
import { benchmarkIds, runBench, type BenchmarkId } from './run-bench.js';

const usage = `Usage: pnpm bench [--quick | --profile full|quick|scale] [--repeat N] [--only IDS] [--out DIRECTORY]
  --quick          ~1-minute smoke run (a tenth of the data, few rounds); ratios are indicative only
  --profile scale  load and rollups up to 10M positions with growth exponents (hours; not for CI)
  --repeat N       N complete runs in one report: ratios as median (min–max) of the runs; a target passes only if it
                   passed in every run (default 1)
  --only IDS       only these comparisons, comma-separated: ${benchmarkIds.join(', ')}
                   (a partial run: its JSON says which; the loaded book is then loaded with COPY, unmeasured)
  --out DIRECTORY  where <date>.json goes (default: bench/results at the repository root)
Exit code: 0 when every comparison ran (targets met or missed), 1 when any errored, 2 on bad usage.`;

function parse(argv: readonly string[]) {
  // `pnpm bench -- --quick` passes a literal "--" first; drop it so the flags still count as flags.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  return parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      only: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}

let options: ReturnType<typeof parse>;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
}
const profileName = (options.profile ?? (options.quick ? 'quick' : 'full')) as ProfileName;
if (!(profileName in profiles) || (options.quick && profileName !== 'quick')) {
  process.stderr.write(
    `--profile expects full, quick or scale (and --quick means quick), got '${options.profile}'\n${usage}\n`,
  );
  process.exit(2);
}
const repeat = Number(options.repeat);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 20) {
  process.stderr.write(`--repeat expects a whole number from 1 to 20, got '${options.repeat}'\n${usage}\n`);
  process.exit(2);
}
const only = options.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !(benchmarkIds as readonly string[]).includes(id)) ?? [];
if (only !== undefined && (only.length === 0 || unknown.length > 0)) {
  process.stderr.write(
    `--only expects comparisons among ${benchmarkIds.join(', ')}, got '${options.only}'\n${usage}\n`,
  );
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const outDirectory = options.out ?? join(repositoryRoot(packageDirectory), 'bench', 'results');
const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

try {
  const reports: BenchReport[] = [];
  for (let run = 1; run <= repeat; run += 1) {
    if (repeat > 1) log(`run ${run} of ${repeat}`);
    reports.push(await runBench(profiles[profileName], log, only as BenchmarkId[] | undefined));
  }
  const report = mergeRepeats(reports);
  process.stdout.write(`\n${formatTable(report.results, report.profile)}\n`);
  const path = await writeReport(report, outDirectory);
  process.stdout.write(`results: ${path}\n`);
  const errors = report.results.filter((result) => result.verdict === 'error');
  if (errors.length > 0) {
    process.stderr.write(
      `bench: ${errors.length} comparison(s) failed with an error: ${errors.map((e) => e.id).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
