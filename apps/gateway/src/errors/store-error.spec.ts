import { describe, expect, it } from 'vitest';
import { PgliteClient } from '../database/pglite.client.js';
import { PostgresClient } from '../database/postgres.client.js';
import { GatewayError, storeCall, storeError } from './gateway.errors.js';

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

describe('storeError: what a failed store call means to the client', () => {
  it('calls a value the store refuses the caller’s mistake, not an outage', async () => {
    const db = await PgliteClient.open();
    try {
      const failure = await storeCall(() => db.query(`SELECT '0000-01-01T00:00:00Z'::timestamptz`)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GatewayError);
      expect((failure as GatewayError).code).toBe('INVALID_ARGUMENT');
      expect((failure as GatewayError).cause).toBeDefined();
    } finally {
      await db.close();
    }
  });

  it('keeps STORE_UNAVAILABLE for connection failures and INTERNAL for the rest', () => {
    expect(storeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).code).toBe('STORE_UNAVAILABLE');
    expect(storeError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).code).toBe('STORE_UNAVAILABLE');
    expect(storeError(Object.assign(new Error('syntax error'), { code: '42601' })).code).toBe('INTERNAL');
  });

  it.runIf(databaseUrl)('cancels a statement that outlives the statement timeout as QUERY_TOO_COMPLEX (PostgreSQL)', async () => {
    const db = new PostgresClient({ connectionString: databaseUrl ?? '', poolSize: 1, statementTimeoutMs: 200 });
    try {
      const failure = await storeCall(() => db.query('SELECT pg_sleep(2)')).catch((error: unknown) => error);
      expect((failure as GatewayError).code).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await db.close();
    }
  });
});
