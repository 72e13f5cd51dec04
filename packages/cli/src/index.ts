export { CliError, ExitCode } from './cli-error.js';
export { createProgram, run } from './run.js';
