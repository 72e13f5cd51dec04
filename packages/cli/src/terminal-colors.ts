import pc from 'picocolors';

/**
 * Whether stdout gets ANSI colours: on a TTY unless NO_COLOR is set, or wherever FORCE_COLOR asks for them. picocolors'
 * own default also colours whenever a `CI` variable exists, which puts escape codes into CI logs and piped output.
 */
export function stdoutWantsColor(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** The colour functions for everything the CLI writes to stdout. */
export const colors = pc.createColors(stdoutWantsColor());
