import type { HourlyCount } from '@pulse/alerting';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { AlertService } from './alert.service.js';
import { BaselineBootstrap, RESEED_INTERVAL_MS } from './baseline-bootstrap.js';

const HOUR = 60 * 60_000;
const NOW = Date.parse('2026-03-08T12:20:00.000Z');
const logger = createLogger('test', 'silent');

function setup(rows: () => HourlyCount[]) {
  let now = NOW;
  const reads: [string, string][] = [];
  const alerts = new AlertService({ config: undefined, logger, clock: () => now });
  const bootstrap = new BaselineBootstrap(alerts, { hourlyCounts: async (from, to) => (reads.push([from, to]), rows()) }, () => now, logger);
  return { alerts, bootstrap, reads, advance: (ms: number) => (now += ms), now: () => now };
}

const day = (topicId: string, perHour: number): HourlyCount[] =>
  Array.from({ length: 24 }, (_, i) => ({ topicId, hourStart: Date.parse('2026-03-08T12:00:00.000Z') - (24 - i) * HOUR, total: perHour, negative: 0 }));

describe('BaselineBootstrap', () => {
  it('reads the last 24 complete hours and seeds what it finds', async () => {
    const { bootstrap, reads, alerts } = setup(() => day('acme', 120));
    expect(await bootstrap.run()).toEqual(['acme']);
    expect(reads).toEqual([['2026-03-07T12:00:00.000Z', '2026-03-08T12:00:00.000Z']]);
    expect(alerts.coldTopics()).toEqual([]);
  });

  it('reads again for cold topics (a backfill that finished after start), at most every minute', async () => {
    let rows: HourlyCount[] = [];
    const { alerts, bootstrap, reads, advance, now } = setup(() => rows);
    expect(await bootstrap.run()).toEqual([]);
    alerts.observe([{ id: 'm1', topicIds: ['acme'], publishedAt: new Date(now()).toISOString(), sentiment: { label: 'neutral' } } as never]);
    expect(alerts.coldTopics()).toEqual(['acme']);
    rows = day('acme', 120);
    expect(await bootstrap.maybeRun()).toEqual([]);
    advance(RESEED_INTERVAL_MS);
    expect(await bootstrap.maybeRun()).toEqual(['acme']);
    advance(RESEED_INTERVAL_MS);
    expect(await bootstrap.maybeRun()).toEqual([]);
    expect(reads).toHaveLength(2);
  });

  it('survives a store that cannot answer: the baselines warm up live', async () => {
    const alerts = new AlertService({ config: undefined, logger, clock: () => NOW });
    const bootstrap = new BaselineBootstrap(alerts, { hourlyCounts: () => Promise.reject(new Error('down')) }, () => NOW, logger);
    await expect(bootstrap.run()).resolves.toEqual([]);
  });
});
