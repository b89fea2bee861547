import { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, type ApiKeyRecord } from '@pulse/contracts';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyRegistry, sha256Hex } from '../keys/key-registry.service.js';
import { CompactedTableReader } from './compacted-table.reader.js';

const logger = createLogger('test', 'silent');
const at = '2026-11-01T00:00:00.000Z';
const key = (i: number): ApiKeyRecord => ({ id: `k${i}`, name: `k${i}`, role: 'ingest', sha256: sha256Hex(`key-${i}`), revoked: false, createdAt: at, updatedAt: at });

let bus: MemoryBus | undefined;
afterEach(async () => bus?.stop());

describe('CompactedTableReader', () => {
  it('is not ready until every record the topic held at start is applied', async () => {
    bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false), partitions: 1 });
    const records = Array.from({ length: 1_200 }, (_, i) => key(i));
    await bus.publish(TOPICS.apiKeys, records);
    const keys = new KeyRegistry();
    const readiness = new Readiness();
    const reader = new CompactedTableReader({ bus, topic: TOPICS.apiKeys, name: 'keys', apply: (r) => keys.apply(r), describe: () => [{ keys: keys.size }, 'API keys updated'], logger, readiness });
    await bus.start();
    await reader.onApplicationBootstrap();
    expect((await readiness.report()).checks).toEqual({ 'collector-keys': 'down' });

    // The first time readiness says up, the last key of the table is already known.
    const deadline = Date.now() + 5_000;
    while (!(await readiness.report()).ready) {
      expect(Date.now()).toBeLessThan(deadline);
      expect(reader.isLoaded).toBe(false);
      await new Promise((r) => setImmediate(r));
    }
    expect(keys.size).toBe(records.length);
    expect(keys.roleOf('key-1199')).toEqual({ id: 'k1199', role: 'ingest' });
  });

  it('is ready at once when the table is empty', async () => {
    bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false) });
    const readiness = new Readiness();
    const reader = new CompactedTableReader({ bus, topic: TOPICS.trackedTopics, name: 'topics', apply: () => undefined, describe: () => [{}, 'updated'], logger, readiness });
    await bus.start();
    await reader.onApplicationBootstrap();
    for (let i = 0; i < 100 && !reader.isLoaded; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await readiness.report()).ready).toBe(true);
  });
});
