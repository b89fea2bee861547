import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteClient } from '../database/pglite.client.js';
import { RecordingClient } from './query-plans.js';

describe('RecordingClient.plans', () => {
  let client: RecordingClient;

  beforeAll(async () => {
    client = new RecordingClient(await PgliteClient.open());
    await client.exec('CREATE TABLE t (x int); INSERT INTO t SELECT generate_series(1, 100)');
  });

  afterAll(async () => {
    await client.close();
  });

  it('explains every statement the call ran, a transaction replayed with its settings', async () => {
    const plans = await client.plans(async () => {
      await client.query('SELECT count(*) FROM t WHERE x > $1', [10]);
      await client.transaction(async (tx) => {
        await tx.query(`SET LOCAL work_mem = '8MB'`);
        const [row] = await tx.query<{ work_mem: string }>(`SELECT current_setting('work_mem') AS work_mem`);
        expect(row?.work_mem).toBe('8MB');
      });
    });
    expect(plans.map((p) => p.sql)).toEqual(['SELECT count(*) FROM t WHERE x > $1', "SET LOCAL work_mem = '8MB'", "SELECT current_setting('work_mem') AS work_mem"]);
    expect(plans[0]?.plan.join('\n')).toMatch(/Seq Scan on t[\s\S]*Execution Time/);
    expect(plans[1]?.plan).toEqual([]);
    expect(plans[2]?.plan.join('\n')).toMatch(/Execution Time/);
    // Only calls inside plans() are noted.
    await client.query('SELECT 1');
    expect(await client.plans(async () => undefined)).toEqual([]);
  });
});
