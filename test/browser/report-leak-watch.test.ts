import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startApp, type AppProcess } from '../support/app-process.js';
import { uniqueWord, webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from '../support/graphql-client.js';
import { freePort, waitFor } from '../support/ports.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot, CHROMIUM_PATH } from './support/browser.js';
import { dashboardTarget, type DashboardTarget } from './support/dashboard-url.js';

const LIVE_TIMEOUT = 30_000;

// Locally a missing Chromium skips the suite; in CI it must fail, so the missing package is noticed.
const runnable = chromiumAvailable() || Boolean(process.env['CI']);
if (!runnable) console.warn(`report and leak watch browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

/** The dashboard's duration wording (apps/dashboard/src/ui/format.ts), for checking what the page shows against the API. */
function duration(seconds: number): string {
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

describe.runIf(runnable)('period report and leak watch in a real browser (embedded Pulse)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-report-'));
  let pulse: AppProcess;
  let target: DashboardTarget;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // No ALERT_LEAK_WATCH: the leak watch starts empty and is set up in Settings. No demo source: every
    // mention here is one the test posts, so the figures it checks are its own.
    pulse = await startApp('report-leak-embedded', 'apps/embedded/dist/main.js', await freePort(), { PULSE_DATA_DIR: dataDir, PULSE_DEMO: 'off' });
    target = await dashboardTarget(pulse);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(`${target.baseUrl}/#key=${TEST_API_KEY}`);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor({ timeout: LIVE_TIMEOUT });
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await pulse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function ingest(word: string, text: string): Promise<string> {
    const res = await postIngest(pulse.baseUrl, JSON.stringify([webhookMention(word, `${text} ${word}`)]));
    expect(res.status).toBe(202);
    return (res.json['ids'] as string[])[0]!;
  }

  it('a confidential term added in Settings raises a leak alert on the next matching mention, saying why', async () => {
    const term = uniqueWord('codename');
    await page.getByTestId('open-settings').click();
    const settings = page.getByTestId('settings');
    await settings.getByTestId('settings-tab-leaks').click();
    const section = settings.getByTestId('leak-watch-section');
    await section.getByTestId('new-term').click({ timeout: LIVE_TIMEOUT });
    const editor = section.getByTestId('term-editor');

    // A syntax error is shown under the expression, at its position.
    const errorsBefore = pageErrors.length;
    const bad = `${term} AND (`;
    await editor.getByTestId('term-expression').fill(bad);
    await editor.getByTestId('term-save').click();
    await editor.getByTestId('field-error-expression').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await editor.getByTestId('error-caret').textContent()).toBe(`${bad}\n${' '.repeat(bad.length)}^`);
    expect(pageErrors.splice(errorsBefore).every((e) => /status of 400/.test(e))).toBe(true);

    await editor.getByTestId('term-expression').fill(`"${term}" -вакансия`);
    await editor.getByTestId('term-always').check();
    await editor.getByTestId('term-save').click();
    await editor.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    await expect.poll(() => section.getByTestId('term-list').textContent(), { timeout: LIVE_TIMEOUT }).toContain(term);
    expect(await section.getByTestId('leak-history').textContent()).toContain(`added term "${term}" -вакансия, from anyone`);
    await screenshot(page, 'settings-leak-watch');
    await settings.getByTestId('settings-close').click();

    const author = uniqueWord('leaker');
    await ingest(author, `Слили план: ${term} запускают в мае, Билайн`);
    const leak = page.getByTestId('alerts-panel').locator('[data-testid="alert-item"][data-kind="leak"]', { hasText: `@user_${author}` });
    await leak.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await leak.getByTestId('alert-why').textContent()).toBe(`Why: a term flagged from anyone · found “${term}”`);
    await screenshot(page, 'dashboard-leak-alert-why');
    expect(pageErrors).toEqual([]);
  });

  it('the period report for today shows a handled request with its reaction time, prints, and downloads as a PDF', async () => {
    const word = uniqueWord('report');
    const id = await ingest(word, 'Билайн, третий день нет интернета, помогите!');
    await waitFor(`mention ${id} stored`, async () => (await graphql<{ mention: { id: string } | null }>(pulse.baseUrl, 'query($id: ID!) { mention(id: $id) { id } }', { id })).data?.mention?.id);
    const taken = await graphql<{ setMentionStatus: { topicIds: string[]; collectedAt: string; workflow: { firstResponseAt: string } } }>(
      pulse.baseUrl,
      'mutation($id: ID!) { setMentionStatus(id: $id, status: in_progress) { topicIds collectedAt workflow { firstResponseAt } } }',
      { id },
    );
    expect(taken.errors).toBeUndefined();
    const { topicIds, collectedAt, workflow } = taken.data!.setMentionStatus;
    expect(topicIds).toContain('beeline');
    const reaction = duration((Date.parse(workflow.firstResponseAt) - Date.parse(collectedAt)) / 1000);

    await page.getByTestId('open-report').click();
    const report = page.getByTestId('report-view');
    await report.getByTestId('report-preset-today').click();
    const topics = report.getByTestId('report-topics');
    for (const box of await topics.locator('input[type="checkbox"]').all()) await box.uncheck();
    await topics.getByLabel('Билайн').check();
    const row = report.locator(`[data-testid="handled-request"][data-mention-id="${id}"]`);
    await row.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await row.textContent()).toContain(`@user_${word}`);
    expect(await row.getByTestId('handled-first-response').textContent()).toBe(reaction);
    expect(await report.getByTestId('report-heading').textContent()).toBe('Билайн');
    expect(Number((await report.getByTestId('report-answered').textContent())?.split(' of ')[0])).toBeGreaterThanOrEqual(1);
    await report.locator('[data-testid="tone-timeline"] rect').first().waitFor({ timeout: LIVE_TIMEOUT });
    await screenshot(page, 'report-page');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('open-settings').isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);
    await screenshot(page, 'report-page-print');
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: LIVE_TIMEOUT }), report.getByTestId('report-pdf').click()]);
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`pulse-report-beeline-${today}.pdf`);
    const dir = join(ARTIFACTS, 'reports');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'browser-report.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Билайн');
    expect(text).toContain(`@user_${word}`);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', file, join(dir, 'browser-report')]);

    await report.getByTestId('report-close').click();
    await report.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
