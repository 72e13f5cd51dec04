import {
  describeSessionRole,
  readSessionRole,
  sessionRoleMatches,
  type MultiHostUrl,
  type TargetSessionAttrs,
} from '@iprs/schema';
import type { Driver, DriverClient, DriverFactory } from 'slonik';
import { ConnectionError } from '../errors/connection-error.js';

export interface MultiHostDriverOptions {
  readonly target: MultiHostUrl;
  /** How long a new connection keeps looking for a host of the wanted role (a failover in progress); 0: one round. */
  readonly failoverTimeoutMs: number;
  /** `host:port,host:port`, for errors. */
  readonly address: string;
}

const RETRY_PAUSE_MS = 100;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A driver that opens every new session as libpq would for a multi-host URL: it tries the hosts in order and keeps
 * the first whose server has the role target_session_attrs asks for. Each new session resolves again, so once a
 * standby is promoted, the sessions opened after the old primary's died reach the new one; while no host has the
 * role yet, it retries until failoverTimeoutMs has passed. Sessions already open are never moved: a call in flight on
 * a primary that dies fails (ConnectionLostError) and is not re-sent.
 */
export const createMultiHostDriverFactory =
  (perHost: DriverFactory, options: MultiHostDriverOptions): DriverFactory =>
  async (input) => {
    const { target, failoverTimeoutMs, address } = options;
    // One driver per host, made on first use: making one connects to read pg_type, so a host down now is tried later.
    const drivers = new Map<string, Promise<Driver>>();
    const driverFor = (url: string): Promise<Driver> => {
      let driver = drivers.get(url);
      if (!driver) {
        driver = perHost({ driverConfiguration: { ...input.driverConfiguration, connectionUri: url } });
        drivers.set(url, driver);
        driver.catch(() => drivers.delete(url));
      }
      return driver;
    };
    const passes: TargetSessionAttrs[] =
      target.targetSessionAttrs === 'prefer-standby' ? ['standby', 'any'] : [target.targetSessionAttrs];

    const tryOnce = async (passedOver: string[]): Promise<DriverClient | undefined> => {
      for (const wanted of passes) {
        for (const host of target.hosts) {
          let client: DriverClient;
          try {
            client = await (await driverFor(host.url)).createClient();
          } catch (error) {
            passedOver.push(`${host.address}: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          if (wanted === 'any') return client;
          try {
            client.acquire();
            const role = await readSessionRole({ query: (text) => client.query(text) });
            await client.release();
            if (sessionRoleMatches(role, wanted)) return client;
            passedOver.push(`${host.address} is ${describeSessionRole(role)}, not ${wanted}`);
          } catch (error) {
            passedOver.push(`${host.address}: ${error instanceof Error ? error.message : String(error)}`);
          }
          await client.destroy().catch(() => undefined);
        }
      }
      return undefined;
    };

    return {
      createClient: async () => {
        const deadline = Date.now() + failoverTimeoutMs;
        for (;;) {
          const passedOver: string[] = [];
          const client = await tryOnce(passedOver);
          if (client) return client;
          if (Date.now() + RETRY_PAUSE_MS > deadline) {
            const waited = failoverTimeoutMs > 0 ? ` within failoverTimeoutMs (${failoverTimeoutMs} ms)` : '';
            throw new ConnectionError(
              address,
              `no host is usable for target_session_attrs=${target.targetSessionAttrs}${waited}: ${passedOver.join('; ')}`,
            );
          }
          await pause(RETRY_PAUSE_MS);
        }
      },
    };
  };
