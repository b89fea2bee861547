import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startApp, type AppProcess } from '../support/app-process.js';
import { uniqueWord } from '../support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from '../support/graphql-client.js';
import { freePort, waitFor } from '../support/ports.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot, CHROMIUM_PATH } from './support/browser.js';
import { dashboardTarget, type DashboardTarget } from './support/dashboard-url.js';
import { startFakeVkServer, type FakeVkServer } from './support/fake-vk-server.js';
import { IVAN, vkMention } from './support/vk-mentions.js';

const ROWS = '[data-testid="mention-row"]';
const LIVE_TIMEOUT = 30_000;
/** The brand's VK community: the complaint is a comment under one of its posts. */
const GROUP = 7331;
const POST = 512;
const VK_TOKEN = 'vk1.a.beeline-community-token-for-the-loop';
const REPORTS = join(ARTIFACTS, 'reports');

const runnable = chromiumAvailable() || Boolean(process.env['CI']);
if (!runnable) console.warn(`support loop browser test skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

/**
 * Issue 15's "done when", in order and in one Pulse: a complaint arrives live, the agent opens
 * it from the feed, sends the prefilled typical answer to (a fake) VK, sees the reply and the
 * first-response time, finds the request answered with that reaction time in the day's report,
 * downloads the PDF, then adds a leak term in Settings and sees the next matching mention raise
 * the alert. No demo source: every mention is the test's own, so the report's figures are too.
 */
describe.runIf(runnable)('the support loop in a real browser (embedded Pulse, fake VK API)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-support-loop-'));
  const tokenFile = join(dataDir, 'vk-token');
  let vk: FakeVkServer;
  let pulse: AppProcess;
  let target: DashboardTarget;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    writeFileSync(tokenFile, VK_TOKEN);
    vk = await startFakeVkServer(VK_TOKEN);
    pulse = await startApp('support-loop-embedded', 'apps/embedded/dist/main.js', await freePort(), {
      PULSE_DATA_DIR: dataDir,
      PULSE_DEMO: 'off',
      REPLY_ACCOUNTS: JSON.stringify([{ id: 'beeline-vk', name: 'Билайн ВКонтакте', source: 'vk', topics: ['beeline'], groupId: GROUP, token: `file:${tokenFile}` }]),
      REPLY_VK_API_URL: vk.apiUrl,
    });
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
    await vk?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs one step of the walk; a failure names the step and leaves a screenshot of the page as it was. */
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await screenshot(page, `support-loop-failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw new Error(`support loop, step "${name}": ${(error as Error).message}`, { cause: error });
    }
  }

  async function ingest(mention: Record<string, unknown>): Promise<string> {
    const res = await postIngest(pulse.baseUrl, JSON.stringify([mention]));
    expect(res.status).toBe(202);
    return (res.json['ids'] as string[])[0]!;
  }

  async function stored(id: string): Promise<{ sentiment: { label: string } }> {
    return waitFor(`mention ${id} stored`, async () => (await graphql<{ mention: { sentiment: { label: string } } | null }>(pulse.baseUrl, 'query($id: ID!) { mention(id: $id) { sentiment { label } } }', { id })).data?.mention ?? undefined);
  }

  it('complaint → reply in VK → first response → the day’s report and its PDF → a leak term from Settings alerts', async () => {
    const word = uniqueWord('loop');
    const commentId = 8801;
    const detail = page.getByTestId('detail-panel');

    const id = await step('a complaint arrives live', async () => {
      const mentionId = await ingest(vkMention({ group: GROUP, post: POST, comment: commentId }, `Билайн, третий день нет интернета, помогите! ${word}`));
      // Live: the row appears on the open feed, no reload, no search.
      await page.locator(ROWS, { hasText: word }).waitFor({ timeout: LIVE_TIMEOUT });
      return mentionId;
    });

    const answer = await step('the agent opens it; the typical answer is prefilled', async () => {
      await page.locator(ROWS, { hasText: word }).click();
      const text = detail.getByTestId('reply-text');
      await text.waitFor({ timeout: LIVE_TIMEOUT });
      await expect.poll(() => text.inputValue(), { timeout: LIVE_TIMEOUT }).toContain(IVAN.name);
      const prefilled = await text.inputValue();
      expect(prefilled).toContain('Билайн');
      expect(prefilled).not.toMatch(/\{\{|\}\}/);
      expect(await detail.getByTestId('reply-account').inputValue()).toBe('beeline-vk');
      expect(await detail.getByTestId('workflow-status').textContent()).toContain('New');
      expect(await detail.getByTestId('first-response').count()).toBe(0);
      // The answer is in view as the panel opens, Send included: no scrolling to find it.
      expect(await detail.getByTestId('reply-send').isVisible()).toBe(true);
      const send = (await detail.getByTestId('reply-send').boundingBox())!;
      expect(send.y + send.height).toBeLessThanOrEqual(page.viewportSize()!.height);
      await screenshot(page, 'support-loop-1-prefilled');
      return prefilled.trim();
    });

    const reaction = await step('Send posts the answer to VK under the comment', async () => {
      expect(vk.calls).toHaveLength(0);
      await detail.getByTestId('reply-send').click();
      const sent = detail.locator('[data-testid="reply-item"][data-status="sent"]');
      await sent.waitFor({ timeout: LIVE_TIMEOUT });

      // VK's documented call: a form POST of wall.createComment under the customer's comment, as
      // the community, with the community's token and the API version in the body, never the URL.
      expect(vk.calls).toHaveLength(1);
      const [call] = vk.calls;
      expect(call).toMatchObject({ method: 'POST', path: '/method/wall.createComment', query: '' });
      expect(call!.contentType).toContain('application/x-www-form-urlencoded');
      expect(call!.form).toEqual({
        owner_id: `-${GROUP}`,
        post_id: String(POST),
        reply_to_comment: String(commentId),
        from_group: String(GROUP),
        message: answer,
        guid: expect.stringMatching(/^[0-9a-f]{32}$/),
        access_token: VK_TOKEN,
        v: '5.199',
      });

      // The mention shows the reply (VK's link to the new comment) and its first response.
      expect(await sent.getByRole('link').getAttribute('href')).toBe(`https://vk.com/wall-${GROUP}_${POST}?reply=9000`);
      expect(await sent.textContent()).toContain('Билайн ВКонтакте');
      expect(await sent.textContent()).toContain(answer.slice(0, 40));
      const firstResponse = detail.getByTestId('first-response');
      await expect.poll(() => firstResponse.textContent(), { timeout: LIVE_TIMEOUT }).toMatch(/First response \d+ (s|min) after the mention arrived/);
      await expect.poll(() => detail.getByTestId('workflow-status').textContent(), { timeout: LIVE_TIMEOUT }).toContain('In progress');
      await expect.poll(() => detail.getByTestId('history').textContent(), { timeout: LIVE_TIMEOUT }).toContain(`replied on VK as Билайн ВКонтакте: https://vk.com/wall-${GROUP}_${POST}?reply=9000`);
      expect(await detail.getByTestId('reply-error').count()).toBe(0);
      await detail.getByTestId('reply-section').scrollIntoViewIfNeeded();
      await screenshot(page, 'support-loop-2-sent');

      const shown = /First response (\d+ (?:s|min)) after/.exec((await firstResponse.textContent()) ?? '')![1]!;
      const m = (
        await graphql<{ mention: { collectedAt: string; workflow: { status: string; firstResponseAt: string }; replies: { status: string; remoteId: string; url: string }[] } }>(
          pulse.baseUrl,
          'query($id: ID!) { mention(id: $id) { collectedAt workflow { status firstResponseAt } replies { status remoteId url } } }',
          { id },
        )
      ).data!.mention;
      expect(m.replies).toEqual([{ status: 'sent', remoteId: '9000', url: `https://vk.com/wall-${GROUP}_${POST}?reply=9000` }]);
      expect(m.workflow.status).toBe('in_progress');
      const seconds = (Date.parse(m.workflow.firstResponseAt) - Date.parse(m.collectedAt)) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(shown).toBe(seconds < 59.5 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`);

      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      await screenshot(page, 'support-loop-2b-dashboard');
      return shown;
    });

    const report = page.getByTestId('report-view');
    await step('the day’s report shows the request answered with that reaction time', async () => {
      await page.getByTestId('open-report').click();
      await report.getByTestId('report-preset-today').click();
      const topics = report.getByTestId('report-topics');
      for (const box of await topics.locator('input[type="checkbox"]').all()) await box.uncheck();
      await topics.getByLabel('Билайн').check();
      const row = report.locator(`[data-testid="handled-request"][data-mention-id="${id}"]`);
      await row.waitFor({ timeout: LIVE_TIMEOUT });
      expect(await report.getByTestId('report-heading').textContent()).toBe('Билайн');
      expect(await row.textContent()).toContain(`@${IVAN.handle} (VK)`);
      expect(await row.textContent()).toContain('In progress');
      expect(await row.getByTestId('handled-first-response').textContent()).toBe(reaction);
      // The only request of the day, answered: the day's figures are this request's.
      expect(await report.getByTestId('report-answered').textContent()).toBe('1 of 1');
      expect(await report.getByTestId('report-first-response').textContent()).toBe(reaction);
      await report.locator('[data-testid="tone-timeline"] rect').first().waitFor({ timeout: LIVE_TIMEOUT });
      // One mention: the count axis reads 0 and 1 (no half-way "1"), one author was handled.
      expect(await report.locator('[data-testid="tone-timeline"] text.axis[text-anchor="end"]').allTextContents()).toEqual(['0', '1']);
      expect(await report.getByTestId('report-body').textContent()).toContain('1 author handled');
      await screenshot(page, 'support-loop-3-report');
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, 'support-loop-3b-report-handled');
    });

    await step('the PDF renders', async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: LIVE_TIMEOUT }), report.getByTestId('report-pdf').click()]);
      const today = new Date().toISOString().slice(0, 10);
      expect(download.suggestedFilename()).toBe(`pulse-report-beeline-${today}.pdf`);
      mkdirSync(REPORTS, { recursive: true });
      const file = join(REPORTS, 'support-loop.pdf');
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Reading order (-raw): the KPI tile, then the handled request's row, cell after cell.
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('PULSE · PERIOD REPORT Билайн');
      expect(text).toContain('1 author handled');
      expect(text).toContain('Before (1 mention) 100% After (0 mentions)');
      expect(text).toContain(`REQUESTS ANSWERED 1 of 1 100% answered · 0 resolved FIRST RESPONSE ${reaction} median · p90 ${reaction}`);
      expect(text).toMatch(new RegExp(`@${IVAN.handle} \\(VK\\): Билайн, третий день нет интернета, помогите! ${word}( \\[[^\\]]+\\])? ${reaction} — In progress`));
      // Pages as images, for people to look at (test/artifacts/reports/support-loop-N.png).
      execFileSync('pdftoppm', ['-png', '-r', '80', file, join(REPORTS, 'support-loop')]);
      await report.getByTestId('report-close').click();
      await report.waitFor({ state: 'detached' });
    });

    await step('a leak term added in Settings raises an alert on the next matching mention', async () => {
      const term = uniqueWord('codename');
      const author = uniqueWord('leaker');
      // Before the term exists, a mention naming it is just a mention.
      const before = await ingest(vkMention({ group: 4242, post: 7 }, `Говорят, ${term} скоро у Билайна`, { id: '6001', handle: `${author}_early`, name: 'Ранний Автор' }));
      await stored(before);

      await page.getByTestId('open-settings').click();
      const settings = page.getByTestId('settings');
      await settings.getByTestId('settings-tab-leaks').click();
      const section = settings.getByTestId('leak-watch-section');
      await section.getByTestId('new-term').click({ timeout: LIVE_TIMEOUT });
      const editor = section.getByTestId('term-editor');
      await editor.getByTestId('term-expression').fill(`"${term}"`);
      await editor.getByTestId('term-always').check();
      await editor.getByTestId('term-save').click();
      await editor.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
      await expect.poll(() => section.getByTestId('term-list').textContent(), { timeout: LIVE_TIMEOUT }).toContain(term);
      expect(await section.getByTestId('leak-history').textContent()).toContain(`added term "${term}", from anyone`);
      await screenshot(page, 'support-loop-4-settings');
      await settings.getByTestId('settings-close').click();

      const leakId = await ingest(vkMention({ group: 4242, post: 8 }, `Слили план: ${term} запускают в мае, Билайн`, { id: '6002', handle: author, name: 'Сотрудник' }));
      const leaks = page.getByTestId('alerts-panel').locator('[data-testid="alert-item"][data-kind="leak"]');
      const leak = leaks.filter({ hasText: `@${author}` });
      await leak.waitFor({ timeout: LIVE_TIMEOUT });
      expect(await leak.locator('.alert-summary').textContent()).toMatch(new RegExp(`^@${author} posted “${term}”Why:`));
      expect(await leak.getByTestId('alert-why').textContent()).toBe(`Why: a term flagged from anyone · found “${term}”`);
      // Only the mention after the term: the earlier one raised nothing.
      expect(await leaks.filter({ hasText: `@${author}_early` }).count()).toBe(0);
      await screenshot(page, 'support-loop-5-leak-alert');

      // The alert opens the mention it is about.
      await leak.getByRole('button').click();
      await detail.waitFor({ timeout: LIVE_TIMEOUT });
      await expect.poll(() => detail.textContent(), { timeout: LIVE_TIMEOUT }).toContain(`Слили план: ${term}`);
      await screenshot(page, 'support-loop-6-leak-mention');
      expect(leakId).not.toBe(before);
    });

    expect(pageErrors).toEqual([]);
  });
});
