import type { SmtpAttachment } from '@pulse/alerting';
import type { TrackedTopic } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import type { SettingsRepository } from '../database/settings.repository.js';
import { reportFileName } from './period-report.controller.js';
import type { PeriodReportService } from './period-report.service.js';
import { renderPeriodReportPdf } from './pdf/period-report.pdf.js';
import { reportMail } from './report-mail.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const WEEKLY_REPORT_TICK_MS = 5 * 60_000;
/** A claim older than this whose replica never finished (it crashed mid-send) is taken over. */
const STALE_CLAIM_MS = 30 * 60_000;

/** The existing SMTP channel (EmailNotifier of @pulse/alerting) as the job uses it. */
export interface ReportMailer {
  sendMessage(message: { subject: string; text: string; fromName?: string; headers?: Record<string, string>; attachments?: readonly SmtpAttachment[] }): Promise<unknown>;
}

export interface WeeklyReportJobOptions {
  reports: Pick<PeriodReportService, 'resolve' | 'build'>;
  topics: () => Promise<TrackedTopic[]>;
  claims: Pick<SettingsRepository, 'claimSetting' | 'deleteSetting' | 'getSetting' | 'setSetting'>;
  mailer: ReportMailer;
  /** Hour (UTC) on Monday from which last week's reports go out. */
  hourUtc: number;
  logger: Logger;
  clock: () => number;
  tickMs?: number;
}

/** Monday 00:00 UTC of the week `now` falls in. */
export function weekStart(now: number): number {
  const d = new Date(now);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
}

/**
 * Mails each active topic's report for the past week (Monday to Monday, UTC) once, on Monday
 * from the configured hour. Every replica runs the timer; a claim in the settings table (one
 * row per topic and week, inserted only if absent) makes exactly one of them send. A failed
 * send releases its claim, so the next tick (here or on another replica) tries again; a
 * restart later in the week still sends what is due.
 */
export class WeeklyReportJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;
  private readonly logger: Logger;

  constructor(private readonly options: WeeklyReportJobOptions) {
    this.logger = options.logger.child({ component: 'weekly-report' });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? WEEKLY_REPORT_TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass, never overlapping another; never throws. */
  tick(): Promise<string[]> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The topic ids this call mailed. */
  async runOnce(now: number = this.options.clock()): Promise<string[]> {
    const start = weekStart(now);
    if (now < start + this.options.hourUtc * HOUR) return [];
    const from = new Date(start - 7 * DAY).toISOString();
    const to = new Date(start).toISOString();
    const sent: string[] = [];
    let topics: TrackedTopic[];
    try {
      topics = (await this.options.topics()).filter((t) => t.status === 'active');
    } catch (error) {
      this.logger.warn({ err: error }, 'weekly report: could not list topics; will retry');
      return sent;
    }
    for (const topic of topics) {
      const key = `reports.weekly.${topic.id}.${from.slice(0, 10)}`;
      if (!(await this.claim(key, now))) continue;
      try {
        const report = await this.options.reports.build(await this.options.reports.resolve({ topicIds: [topic.id], competitorTopicIds: undefined, from, to, interval: 'DAY', windowHours: 168 }));
        const pdf = await renderPeriodReportPdf(report);
        const mail = reportMail(report);
        await this.options.mailer.sendMessage({
          ...mail,
          fromName: 'Pulse reports',
          headers: { 'X-Pulse-Report': `weekly; topic=${topic.id}; from=${from}` },
          attachments: [{ filename: reportFileName(report), content: pdf, contentType: 'application/pdf' }],
        });
        await this.options.claims.setSetting(key, `sent ${new Date(this.options.clock()).toISOString()}`);
        sent.push(topic.id);
        this.logger.info({ topicId: topic.id, from, to, bytes: pdf.length }, 'weekly report mailed');
      } catch (error) {
        this.logger.warn({ err: error, topicId: topic.id, from }, 'weekly report not mailed; will retry');
        await this.options.claims.deleteSetting(key).catch((e: unknown) => this.logger.warn({ err: e, key }, 'could not release the weekly report claim'));
      }
    }
    return sent;
  }

  /** True when this replica may send: it inserted the claim, or took over one a crashed replica left. */
  private async claim(key: string, now: number): Promise<boolean> {
    try {
      if (await this.options.claims.claimSetting(key, `sending ${new Date(now).toISOString()}`)) return true;
      const held = await this.options.claims.getSetting(key);
      const since = held?.startsWith('sending ') ? Date.parse(held.slice('sending '.length)) : Number.NaN;
      if (Number.isNaN(since) || now - since < STALE_CLAIM_MS) return false;
      await this.options.claims.deleteSetting(key);
      return await this.options.claims.claimSetting(key, `sending ${new Date(now).toISOString()}`);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'weekly report: could not claim; will retry');
      return false;
    }
  }
}
