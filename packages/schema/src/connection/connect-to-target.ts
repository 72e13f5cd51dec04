import pg from 'pg';
import { clientConfigOf } from '../client-config.js';
import { DatabaseConnectionError } from '../errors/database-connection-error.js';
import { parseMultiHostUrl } from './multi-host-url.js';
import { describeSessionRole, readSessionRole, sessionRoleMatches } from './session-role.js';
import type { TargetSessionAttrs } from './target-session-attrs.js';

/**
 * Connects a node-postgres Client the way libpq does for a multi-host URL: hosts in order, the first whose server
 * satisfies target_session_attrs wins (`prefer-standby` falls back to any host when no standby answers). A single-host
 * URL costs no extra round trip unless it asks for a role. Each host's URL keeps the rest of the original (socket
 * `host=`, `connect_timeout`, `sslmode`, ...); `applicationName` is the default its `application_name` overrides. Fails
 * with DatabaseConnectionError saying, for every host, why it was passed over.
 */
export async function connectToTarget(connectionString: string, applicationName: string): Promise<pg.Client> {
  const { hosts, targetSessionAttrs } = parseMultiHostUrl(connectionString);
  const passes: TargetSessionAttrs[] =
    targetSessionAttrs === 'prefer-standby' ? ['standby', 'any'] : [targetSessionAttrs];
  const passedOver: { text: string; error?: unknown }[] = [];
  const addresses = hosts.map((host) => host.address).join(',');
  let target = addresses;
  for (const wanted of passes) {
    for (const host of hosts) {
      let client: pg.Client;
      try {
        client = new pg.Client(clientConfigOf(host.url, applicationName));
      } catch (error) {
        // node-postgres refuses the string itself (a malformed URL): no other host would parse it better.
        throw new DatabaseConnectionError(addresses, { cause: error });
      }
      const where = hosts.length === 1 ? `${client.host}:${client.port}` : addresses;
      target = `${where}/${client.database ?? ''} as ${client.user ?? '(default user)'}`;
      // A connection lost between queries is reported by the next query; without a listener it would crash the process.
      client.on('error', () => undefined);
      try {
        await client.connect();
        if (wanted === 'any') return client;
        const role = await readSessionRole(client);
        if (sessionRoleMatches(role, wanted)) return client;
        passedOver.push({ text: `${host.address} is ${describeSessionRole(role)}, not ${wanted}` });
      } catch (error) {
        passedOver.push({ text: `${host.address}: ${error instanceof Error ? error.message : String(error)}`, error });
      }
      await client.end().catch(() => undefined);
    }
  }
  const [only] = passedOver;
  // One host that could not be reached: its own error is the cause, with its code (ECONNREFUSED, 28P01, ...).
  if (passedOver.length === 1 && only?.error !== undefined)
    throw new DatabaseConnectionError(target, { cause: only.error });
  throw new DatabaseConnectionError(target, {
    cause: new Error(
      `no host is usable for target_session_attrs=${targetSessionAttrs} (${passedOver.map(({ text }) => text).join('; ')})`,
    ),
  });
}
