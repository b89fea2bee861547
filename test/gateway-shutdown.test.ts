import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { graphql, subscribe } from './support/graphql-client.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort } from './support/ports.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// Production mode is where Apollo used to install its own SIGTERM handler and re-raise the
// signal, cutting the drain short ("second signal") with exit code 1; tests run NODE_ENV=test.
describe('gateway in production mode: one SIGTERM drains and exits 0', () => {
  let kafka: MockKafka;
  let postgres: TestPostgres;
  let gateway: AppProcess;

  beforeAll(async () => {
    kafka = await startMockKafka();
    postgres = await startPostgres();
    gateway = await startApp('shutdown-gateway', 'apps/gateway/dist/main.js', await freePort(), {
      NODE_ENV: 'production',
      KAFKA_BROKERS: kafka.brokers,
      DATABASE_URL: postgres.url,
    });
  });

  afterAll(async () => {
    if (gateway?.child.exitCode === null) await gateway.stop();
    await kafka?.stop();
    await postgres?.stop();
  });

  it('closes live subscriptions, drains the bus, closes the database and logs that it drained', async () => {
    const ready = await graphql<{ topics: { id: string }[] }>(gateway.baseUrl, '{ topics { id } }');
    expect(ready.errors).toBeUndefined();
    const live = await subscribe(gateway.baseUrl, 'subscription { mentionScored { id } }');

    const code = await gateway.stop();
    await live.close();
    const output = gateway.output();
    expect(output).not.toContain('second signal');
    expect(output).toContain('shutting down: draining in-flight work');
    expect(output).toContain('drained, bye');
    expect(code).toBe(0);
  });
});
