import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '@iprs/testkit';

/** What `.iprs/server.json` records about the last start. */
export interface ServerState {
  port: number;
  pid: number;
  connectionString: string;
  startedAt: string;
}

export async function readServerState(stateFile: string): Promise<ServerState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as Partial<ServerState>;
    if (typeof state.port !== 'number' || typeof state.pid !== 'number' || typeof state.connectionString !== 'string') {
      return undefined;
    }
    return state as ServerState;
  } catch {
    // A damaged state file only costs the remembered port.
    return undefined;
  }
}

/** 0600: the connection string holds the superuser password. Replaced in one step, so a reader never sees half. */
export async function writeServerState(stateFile: string, state: ServerState): Promise<void> {
  await writeFileAtomically(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
