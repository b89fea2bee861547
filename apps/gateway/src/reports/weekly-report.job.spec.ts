import { createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgliteClient } from '../database/pglite.client.js';
import { SettingsRepository } from '../database/settings.repository.js';
import type { SqlClient } from '../database/sql-client.port.js';
import type { PeriodReportService } from './period-report.service.js';
import { FIXTURE_TOPICS, loadReportFixture } from './testing/report-fixture.js';
import { WeeklyReportJob, weekStart, type ReportMailer } from './weekly-report.job.js';

type Sent = Parameters<ReportMailer['sendMessage']>[0];

const logger = createLogger('test', 'silent');
/** The fixture's day (Mon 2 Mar 2026) lies in the week that ends Monday 9 Mar 00:00 UTC. */
const MONDAY = Date.parse('2026-03-09T00:00:00.000Z');
const HOUR = 3_600_000;

describe('weekly report e-mail', () => {
  let client: SqlClient;
  let reports: PeriodReportService;
  let settings: SettingsRepository;
  let sent: Sent[];
  let failNext = 0;
  const mailer: ReportMailer = {
    sendMessage: async (message) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('451 try again later');
      }
      sent.push(message);
      return { response: '250 ok' };
    },
  };
  const job = (now: number) =>
    new WeeklyReportJob({ reports, topics: async () => FIXTURE_TOPICS, claims: settings, mailer, hourUtc: 7, logger, clock: () => now });

  beforeAll(async () => {
    client = await PgliteClient.open();
    reports = await loadReportFixture(client);
    settings = new SettingsRepository(client);
  });

  afterAll(async () => {
    await client?.close();
  });

  beforeEach(async () => {
    sent = [];
    failNext = 0;
    await client.query(`DELETE FROM workflow_settings WHERE key LIKE 'reports.weekly.%'`);
  });

  it('knows the week: Monday 00:00 UTC, whatever the day', () => {
    expect(new Date(weekStart(Date.parse('2026-03-09T00:00:00Z'))).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(new Date(weekStart(Date.parse('2026-03-15T23:59:59Z'))).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(new Date(weekStart(Date.parse('2026-03-11T12:00:00Z'))).toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('waits for the hour, then mails each active topic’s past week once, PDF attached, with the headline figures', async () => {
    expect(await job(MONDAY + 6 * HOUR).runOnce()).toEqual([]);
    expect(await job(MONDAY + 7 * HOUR).runOnce()).toEqual(['mts', 'beeline', 'tele2']);
    expect(sent).toHaveLength(3);
    const mts = sent[0]!;
    expect(mts.subject).toBe('Pulse weekly report: МТС, 2 – 8 Mar 2026 (UTC)');
    expect(mts.fromName).toBe('Pulse reports');
    expect(mts.headers).toEqual({ 'X-Pulse-Report': 'weekly; topic=mts; from=2026-03-02T00:00:00.000Z' });
    // The fixture's week for МТС: m1–m5, m7, m9 on Monday and m10 on Tuesday; four requests owed an answer that day, one more on Tuesday.
    expect(mts.text).toContain('Mentions: 8 (50% negative)');
    expect(mts.text).toContain('Requests: 3 of 5 answered (60%), 2 resolved');
    expect(mts.text).toContain('First response: median 30 min, p90 46 min');
    expect(mts.text).toContain('Share of voice: МТС 67%, Билайн 25%, Tele2 8%');
    expect(mts.attachments?.map((a) => [a.filename, a.contentType, a.content.subarray(0, 5).toString('latin1')])).toEqual([
      ['pulse-report-mts-2026-03-02--2026-03-09.pdf', 'application/pdf', '%PDF-'],
    ]);
    // A second pass (this replica's next tick, or another replica) sends nothing again.
    expect(await job(MONDAY + 8 * HOUR).runOnce()).toEqual([]);
    expect(await job(MONDAY + 3 * 24 * HOUR).runOnce()).toEqual([]);
    expect(sent).toHaveLength(3);
    expect(await settings.getSetting('reports.weekly.mts.2026-03-02')).toMatch(/^sent /);
  });

  it('lets exactly one of two replicas send, and retries a failed send on the next tick', async () => {
    const results = await Promise.all([job(MONDAY + 9 * HOUR).runOnce(), job(MONDAY + 9 * HOUR).runOnce()]);
    expect([...results[0]!, ...results[1]!].sort()).toEqual(['beeline', 'mts', 'tele2']);
    expect(sent).toHaveLength(3);

    await client.query(`DELETE FROM workflow_settings WHERE key LIKE 'reports.weekly.%'`);
    sent = [];
    failNext = 1;
    expect(await job(MONDAY + 9 * HOUR).runOnce()).toEqual(['beeline', 'tele2']);
    expect(await settings.getSetting('reports.weekly.mts.2026-03-02')).toBeNull();
    expect(await job(MONDAY + 9 * HOUR + 5 * 60_000).runOnce()).toEqual(['mts']);
  });

  it('takes over a claim a crashed replica left half an hour ago, not a fresh one', async () => {
    await settings.setSetting('reports.weekly.mts.2026-03-02', `sending ${new Date(MONDAY + 7 * HOUR).toISOString()}`);
    expect(await job(MONDAY + 7 * HOUR + 10 * 60_000).runOnce()).toEqual(['beeline', 'tele2']);
    expect(await job(MONDAY + 7 * HOUR + 31 * 60_000).runOnce()).toEqual(['mts']);
  });
});
