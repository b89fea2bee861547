import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { graphql } from './support/graphql-client.js';
import { freePort, waitFor } from './support/ports.js';

interface Reaction {
  topicId: string | null;
  inScope: number;
  responded: number;
  resolved: number;
  firstResponseMedianSeconds: number | null;
  resolutionMedianSeconds: number | null;
}

/**
 * The demo as a new user meets it (`npm start`: embedded, demo on, default alert settings), with
 * a day of history instead of a week to keep the test short: the support figures of its past are
 * there, and its live burst raises a spike alert within minutes.
 */
describe('the demo: a past with handled complaints, a present with a spike alert', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-demo-'));
  let pulse: AppProcess;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    pulse = await startApp('demo', 'apps/embedded/dist/main.js', await freePort(), { PULSE_DATA_DIR: dataDir, PULSE_DEMO_HISTORY_DAYS: '1' });
  });

  afterAll(async () => {
    await pulse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('backfills a day whose complaints were answered and resolved by the agents at plausible delays, and reports them', async () => {
    await waitFor('demo history backfilled', async () => pulse.output().includes('demo history backfilled') || undefined, 240_000, 1_000);
    const window = { from: new Date(startedAt - 26 * 3_600_000).toISOString(), to: new Date().toISOString() };
    const stats = await graphql<{ reactionTimes: Reaction[] }>(
      pulse.baseUrl,
      `query($from: DateTime!, $to: DateTime!) { reactionTimes(topicIds: ["mts", "beeline"], from: $from, to: $to) { topicId inScope responded resolved firstResponseMedianSeconds resolutionMedianSeconds } }`,
      window,
    );
    expect(stats.errors).toBeUndefined();
    for (const row of stats.data!.reactionTimes) {
      expect(row.responded, `${row.topicId ?? 'all'} responded`).toBeGreaterThan(5);
      expect(row.resolved, `${row.topicId ?? 'all'} resolved`).toBeGreaterThan(3);
      expect(row.responded).toBeLessThanOrEqual(row.inScope);
      // Answers within minutes to hours; resolutions later than first responses, within a day.
      expect(row.firstResponseMedianSeconds).toBeGreaterThan(60);
      expect(row.firstResponseMedianSeconds).toBeLessThan(12 * 3600);
      expect(row.resolutionMedianSeconds).toBeGreaterThan(row.firstResponseMedianSeconds!);
      expect(row.resolutionMedianSeconds).toBeLessThan(24 * 3600);
    }

    const report = await graphql<{ periodReport: { requests: Reaction; handling: { authors: number; beforeTotal: number; afterTotal: number; beforeNegativeShare: number | null; afterNegativeShare: number | null } } }>(
      pulse.baseUrl,
      `query($from: DateTime!, $to: DateTime!) { periodReport(topicIds: ["beeline"], from: $from, to: $to, windowHours: 24) {
        requests { inScope responded resolved firstResponseMedianSeconds resolutionMedianSeconds }
        handling { authors beforeTotal afterTotal beforeNegativeShare afterNegativeShare } } }`,
      window,
    );
    expect(report.errors).toBeUndefined();
    const { requests, handling } = report.data!.periodReport;
    expect(requests.resolved).toBeGreaterThan(3);
    expect(Number.isFinite(requests.resolutionMedianSeconds)).toBe(true);
    // The outage's customers thanked the brand once it was fixed: fewer negative mentions after handling than before.
    expect(handling.authors).toBeGreaterThan(5);
    expect(handling.afterTotal).toBeGreaterThan(0);
    expect(handling.afterNegativeShare!).toBeLessThan(handling.beforeNegativeShare!);

    // The agents' changes carry the history's times and names, through the workflow (not the clock).
    const resolved = await graphql<{ mentions: { edges: { node: { publishedAt: string; workflow: { status: string; assignee: string; resolvedAt: string } } }[] } }>(
      pulse.baseUrl,
      `{ mentions(filter: { topicIds: ["beeline"], statuses: [resolved] }, first: 5) { edges { node { publishedAt workflow { status assignee resolvedAt } } } } }`,
    );
    expect(resolved.errors).toBeUndefined();
    const nodes = resolved.data!.mentions.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.workflow.assignee).toMatch(/\(Билайн\)$/u);
      expect(Date.parse(node.workflow.resolvedAt)).toBeLessThan(startedAt);
      expect(Date.parse(node.workflow.resolvedAt)).toBeGreaterThan(Date.parse(node.publishedAt));
    }
  }, 300_000);

  it('raises a spike alert about the burst within about five minutes of start, with the default alert settings', async () => {
    const alert = await waitFor(
      'spike alert',
      async () => {
        const res = await graphql<{ alerts: { topicId: string; metric: string; raisedAt: string }[] }>(pulse.baseUrl, '{ alerts(kinds: [spike]) { topicId metric raisedAt } }');
        return res.data?.alerts.find((a) => a.topicId === 'mts');
      },
      360_000,
      2_000,
    );
    expect(alert.metric).toBe('negative');
    // Measured from before the process started (the budget includes start-up on a busy machine).
    expect((Date.parse(alert.raisedAt) - startedAt) / 60_000).toBeLessThan(6);
  }, 400_000);
});
