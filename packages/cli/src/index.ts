export { CliError, ExitCode } from './cli-error.js';
export { createProgram, run } from './run.js';
export { runSampleDemo, type SampleDemoOptions } from './demo/run-sample-demo.js';
export type { MigrationStatusReport, MigrationStatusReportEntry } from './migration-status/migration-status-report.js';
