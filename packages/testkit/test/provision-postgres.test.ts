import { inject, expect, test } from 'vitest';
import { detectContainerRuntime } from '../src/detect-container-runtime.js';
import { provisionPostgres } from '../src/provision-postgres.js';
import { query } from './query.js';

test('without DATABASE_URL it starts Testcontainers or, with no container runtime, embedded PostgreSQL', async () => {
  const runtime = await detectContainerRuntime();
  const server = await provisionPostgres({ env: {} });
  try {
    expect(server.kind).toBe(runtime.available ? 'testcontainers' : 'embedded');
    const [row] = await query<{ version: string }>(server.connectionString, 'select version()');
    expect(row?.version).toMatch(/^PostgreSQL 18\./);
  } finally {
    await server.stop();
  }
});

test('DATABASE_URL is used as is when set, and stop() leaves that server alone', async () => {
  const { serverUrl } = inject('iprsTestDatabase');
  const server = await provisionPostgres({ env: { DATABASE_URL: serverUrl } });
  expect(server).toMatchObject({ kind: 'env', connectionString: serverUrl });
  await server.stop();
  const [row] = await query<{ answer: number }>(serverUrl, 'select 42 as answer');
  expect(row?.answer).toBe(42);
});
