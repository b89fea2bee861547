import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { uniqueWord, webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from '../support/graphql-client.js';
import { freePort } from '../support/ports.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot, CHROMIUM_PATH } from './support/browser.js';
import { dashboardTarget, type DashboardTarget } from './support/dashboard-url.js';
import { startFakeVkServer, type FakeVkServer } from './support/fake-vk-server.js';
import { vkMention } from './support/vk-mentions.js';

const ROWS = '[data-testid="mention-row"]';
const LIVE_TIMEOUT = 30_000;
const GROUP = 7331;
const VK_TOKEN = 'vk1.a.beeline-community-token-for-tests';

const runnable = chromiumAvailable() || Boolean(process.env['CI']);
if (!runnable) console.warn(`reply browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

describe.runIf(runnable)('replying in the channel from the dashboard (embedded Pulse, fake VK API)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-replies-'));
  const tokenFile = join(dataDir, 'vk-token');
  let vk: FakeVkServer;
  let pulse: AppProcess;
  let target: DashboardTarget;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let nextPost = 100;

  beforeAll(async () => {
    writeFileSync(tokenFile, VK_TOKEN);
    vk = await startFakeVkServer(VK_TOKEN);
    pulse = await startApp('replies-embedded', 'apps/embedded/dist/main.js', await freePort(), {
      PULSE_DATA_DIR: dataDir,
      PULSE_DEMO_RATE: '2',
      REPLY_ACCOUNTS: JSON.stringify([{ id: 'beeline-vk', name: 'Билайн ВКонтакте', source: 'vk', topics: ['beeline'], groupId: GROUP, token: `file:${tokenFile}` }]),
      REPLY_VK_API_URL: vk.apiUrl,
    });
    target = await dashboardTarget(pulse);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(`${target.baseUrl}/#key=${TEST_API_KEY}`);
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await pulse?.stop();
    await vk?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A VK wall post of the brand's community, as the collector would send it. */
  async function vkComplaint(word: string, text: string): Promise<{ id: string; postId: number }> {
    const postId = nextPost++;
    const res = await postIngest(pulse.baseUrl, JSON.stringify([vkMention({ group: GROUP, post: postId }, `${text} ${word}`)]));
    expect(res.status).toBe(202);
    return { id: (res.json['ids'] as string[])[0]!, postId };
  }

  async function open(word: string) {
    await page.getByTestId('filter-search').fill(word);
    await page.getByTestId('filter-search').press('Enter');
    const row = page.locator(ROWS, { hasText: word });
    await row.waitFor({ timeout: LIVE_TIMEOUT });
    await row.click();
    const detail = page.getByTestId('detail-panel');
    await detail.getByTestId('reply-section').waitFor({ timeout: LIVE_TIMEOUT });
    return detail;
  }

  async function close(filtered = true) {
    await page.keyboard.press('Escape');
    await page.getByTestId('detail-panel').waitFor({ state: 'detached' });
    if (filtered) await page.getByRole('button', { name: 'Clear filters' }).click();
  }

  it('a complaint arrives live; the agent opens it, sends the prefilled answer to VK and sees the reply and the first-response time', async () => {
    const word = uniqueWord('replyvk');
    // Live: the row appears while the feed is open, without a reload.
    const { id, postId } = await vkComplaint(word, 'Билайн, третий день нет интернета, помогите!');
    await page.locator(ROWS, { hasText: word }).waitFor({ timeout: LIVE_TIMEOUT });
    await page.locator(ROWS, { hasText: word }).click();
    const detail = page.getByTestId('detail-panel');
    const text = detail.getByTestId('reply-text');
    await text.waitFor({ timeout: LIVE_TIMEOUT });

    // The typical answer, with the author's name and the brand filled in.
    await expect.poll(() => text.inputValue(), { timeout: LIVE_TIMEOUT }).toContain('Иван Петров');
    const answer = await text.inputValue();
    expect(answer).toContain('Билайн');
    expect(answer).not.toContain('{{');
    expect(await detail.getByTestId('reply-account').inputValue()).toBe('beeline-vk');
    expect(await detail.getByTestId('workflow-status').textContent()).toContain('New');
    await screenshot(page, 'replies-prefilled');

    await detail.getByTestId('reply-send').click();
    const sent = detail.locator('[data-testid="reply-item"][data-status="sent"]');
    await sent.waitFor({ timeout: LIVE_TIMEOUT });

    // What reached VK: the documented method and form, the community's token, never in the URL.
    expect(vk.calls).toHaveLength(1);
    const [call] = vk.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/method/wall.createComment', query: '' });
    expect(call!.contentType).toContain('application/x-www-form-urlencoded');
    expect(call!.form).toEqual({
      owner_id: `-${GROUP}`,
      post_id: String(postId),
      from_group: String(GROUP),
      message: answer.trim(),
      guid: expect.stringMatching(/^[0-9a-f]{32}$/),
      access_token: VK_TOKEN,
      v: '5.199',
    });

    // The mention shows the reply (with VK's link), the first response, and the history line.
    expect(await sent.getByRole('link').getAttribute('href')).toBe(`https://vk.com/wall-${GROUP}_${postId}?reply=9000`);
    expect(await sent.textContent()).toContain('Билайн ВКонтакте');
    await expect.poll(() => detail.getByTestId('first-response').textContent(), { timeout: LIVE_TIMEOUT }).toMatch(/First response \d+ (s|min) after the mention arrived/);
    await expect.poll(() => detail.getByTestId('workflow-status').textContent(), { timeout: LIVE_TIMEOUT }).toContain('In progress');
    await expect.poll(() => detail.getByTestId('history').textContent(), { timeout: LIVE_TIMEOUT }).toContain('replied on VK as Билайн ВКонтакте');
    expect(await detail.getByTestId('reply-error').count()).toBe(0);
    await screenshot(page, 'replies-sent');

    const stored = await graphql<{ mention: { workflow: { status: string; firstResponseAt: string | null }; collectedAt: string; replies: { status: string; remoteId: string; by: string }[] } }>(
      pulse.baseUrl,
      'query($id: ID!) { mention(id: $id) { collectedAt workflow { status firstResponseAt } replies { status remoteId by } } }',
      { id },
    );
    const m = stored.data!.mention;
    expect(m.replies).toEqual([{ status: 'sent', remoteId: '9000', by: expect.any(String) }]);
    expect(m.workflow.status).toBe('in_progress');
    expect(Date.parse(m.workflow.firstResponseAt!)).toBeGreaterThanOrEqual(Date.parse(m.collectedAt));
    await close(false);
    expect(pageErrors).toEqual([]);
  });

  it('a refusal is explained in the panel and nothing is shown as sent', async () => {
    const word = uniqueWord('replyclosed');
    const { postId } = await vkComplaint(word, 'Билайн, опять списали деньги дважды, верните!');
    vk.closed.add(`-${GROUP}_${postId}`);
    const detail = await open(word);
    await detail.getByTestId('reply-text').fill('Здравствуйте! Напишите нам в личные сообщения.');
    await detail.getByTestId('reply-send').click();
    const error = detail.getByTestId('reply-error');
    await error.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await error.getAttribute('data-code')).toBe('REPLIES_CLOSED');
    expect(await error.textContent()).toMatch(/takes no replies.*VK error 212/);
    expect(await detail.locator('[data-testid="reply-item"][data-status="failed"]').count()).toBe(1);
    await screenshot(page, 'replies-refused');
    await close();
  });

  it('a source without a reply API says so and takes “answered elsewhere” with a link', async () => {
    const word = uniqueWord('replyhook');
    const res = await postIngest(pulse.baseUrl, JSON.stringify([webhookMention(word, `Билайн, не работает интернет ${word}`)]));
    expect(res.status).toBe(202);
    const detail = await open(word);
    const why = detail.getByTestId('reply-not-repliable');
    await why.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await why.textContent()).toContain('webhook');
    expect(await detail.getByTestId('reply-send').count()).toBe(0);
    await detail.getByTestId('elsewhere-url').fill('https://support.example.com/tickets/42');
    await detail.getByTestId('elsewhere-save').click();
    const recorded = detail.locator('[data-testid="reply-item"]', { hasText: 'Answered elsewhere' });
    await recorded.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await recorded.getByRole('link').getAttribute('href')).toBe('https://support.example.com/tickets/42');
    await detail.getByTestId('first-response').waitFor({ timeout: LIVE_TIMEOUT });
    await screenshot(page, 'replies-elsewhere');
    await close();
    expect(pageErrors).toEqual([]);
  });
});
