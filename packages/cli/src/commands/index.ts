import type { Command } from 'commander';

/** Every command module registers itself here, one line each. */
export const commandRegistrations: ReadonlyArray<(program: Command) => void> = [];
