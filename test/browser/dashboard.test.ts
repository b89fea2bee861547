import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process.js';
import { uniqueWord, webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from '../support/graphql-client.js';
import { freePort, waitFor } from '../support/ports.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, screenshot, CHROMIUM_PATH } from './support/browser.js';
import { dashboardTarget, type DashboardTarget } from './support/dashboard-url.js';

const ROWS = '[data-testid="mention-row"]';
const LIVE_TIMEOUT = 30_000;
// Page-side expressions as strings: this workspace compiles without the DOM library.
const STORED_KEY = `localStorage.getItem('pulse.dashboard.apiKey')`;
/** A confidential term the leak watch alerts on from anyone (ALERT_LEAK_WATCH below). */
const LEAK_TERM = 'проектзарница';

// Locally a missing Chromium skips the suite; in CI it must fail, so the missing package is noticed.
const runnable = chromiumAvailable() || Boolean(process.env['CI']);
if (!runnable) console.warn(`dashboard browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);

describe.runIf(runnable)('dashboard in a real browser (embedded Pulse, demo source on)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-dashboard-'));
  let pulse: AppProcess;
  let target: DashboardTarget;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    pulse = await startApp('dashboard-embedded', 'apps/embedded/dist/main.js', await freePort(), {
      PULSE_DATA_DIR: dataDir,
      // Slow enough that a mention a step posts stays on the feed's first page while the step runs.
      PULSE_DEMO_RATE: '0.5',
      PULSE_DEMO_HISTORY_DAYS: '0',
      ALERT_LEAK_WATCH: JSON.stringify({ terms: [{ term: LEAK_TERM, always: true }] }),
    });
    target = await dashboardTarget(pulse);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    await pulse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Waits until the feed shows a row containing `text` (or times out with the reason). */
  const row = (text: string) => page.locator(ROWS, { hasText: text });

  async function ingest(word: string, text: string): Promise<string> {
    const res = await postIngest(pulse.baseUrl, JSON.stringify([webhookMention(word, `${text} ${word}`)]));
    expect(res.status).toBe(202);
    return (res.json['ids'] as string[])[0]!;
  }

  async function toneOf(id: string): Promise<string> {
    return waitFor(`mention ${id} scored`, async () => {
      const res = await graphql<{ mention: { sentiment: { label: string } } | null }>(pulse.baseUrl, 'query($id: ID!) { mention(id: $id) { sentiment { label } } }', { id });
      return res.data?.mention?.sentiment.label;
    });
  }

  it('opens with the key from the printed link, keeps it, and strips it from the address bar', async () => {
    await page.goto(`${target.baseUrl}/#key=${TEST_API_KEY}`);
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(STORED_KEY)).toBe(TEST_API_KEY);
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: LIVE_TIMEOUT }).toContain('Live');
    await screenshot(page, 'dashboard-feed');

    // A reload needs no key in the URL any more.
    await page.reload();
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(pageErrors).toEqual([]);
  });

  it('shows a mention posted to /ingest live, with a link to the original and a detail panel', async () => {
    const word = uniqueWord('dashlive');
    await ingest(word, 'Билайн, третий день нет интернета, худший провайдер');
    const fresh = row(word);
    await fresh.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await fresh.locator('a.open-link').getAttribute('href')).toBe(`https://example.com/posts/${word}`);
    expect(await fresh.textContent()).toContain(`@user_${word}`);

    await fresh.click();
    const detail = page.getByTestId('detail-panel');
    await detail.getByText('Open the original').waitFor();
    expect(await detail.textContent()).toContain(word);
    await screenshot(page, 'dashboard-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('says in the detail panel why each brand of a multi-brand mention got its tone', async () => {
    const word = uniqueWord('dashbrands');
    // The previous step clicked a row: with the pointer or focus on the list the feed holds new
    // mentions (the "paused — N new" chip), so leave it first.
    await page.mouse.move(2, 2);
    await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
    await ingest(word, 'Перешёл с Билайна на МТС и наконец-то нормальный интернет.');
    const fresh = row(word);
    await fresh.waitFor({ timeout: LIVE_TIMEOUT });
    await fresh.click();
    const detail = page.getByTestId('detail-panel');
    const beeline = detail.locator('[data-testid="topic-tone"][data-rule="switch-from"]');
    await beeline.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await beeline.textContent()).toContain('Negative toward Билайн: switched away from it to МТС (rule switch-from)');
    expect(await detail.locator('[data-testid="topic-tone"][data-rule="switch-to"]').textContent()).toContain('Positive toward МТС: switched to it from Билайна (rule switch-to)');
    await beeline.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-detail-topic-tone');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('a tone filter hides the other tones, in the first page and in the live stream', async () => {
    const negativeWord = uniqueWord('dashneg');
    const positiveWord = uniqueWord('dashpos');

    await page.getByTestId('filter-tone-negative').click();
    expect(await page.getByTestId('filter-tone-negative').getAttribute('aria-pressed')).toBe('true');
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });

    const negativeId = await ingest(negativeWord, 'Ужасный сервис, деньги списали, а интернета нет, поддержка не отвечает. Отвратительно!');
    const positiveId = await ingest(positiveWord, 'Спасибо большое, отличный сервис, всё быстро и удобно, очень доволен!');
    const [negativeTone, positiveTone] = [await toneOf(negativeId), await toneOf(positiveId)];
    // Whatever the model decided, the feed must agree with the filter.
    const shown = [negativeTone === 'negative' ? negativeWord : undefined, positiveTone === 'negative' ? positiveWord : undefined].filter(Boolean) as string[];
    const hidden = [negativeTone !== 'negative' ? negativeWord : undefined, positiveTone !== 'negative' ? positiveWord : undefined].filter(Boolean) as string[];
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    for (const word of shown) await row(word).waitFor({ timeout: LIVE_TIMEOUT });
    // Let any stray live delivery land before checking what is absent.
    await page.waitForTimeout(1500);
    for (const word of hidden) expect(await row(word).count()).toBe(0);
    const tones = await page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tone')));
    expect(tones.length).toBeGreaterThan(0);
    expect(new Set(tones)).toEqual(new Set(['negative']));
    await screenshot(page, 'dashboard-filter-negative');

    await page.getByTestId('filter-tone-negative').click();
    for (const word of hidden) await row(word).waitFor({ timeout: LIVE_TIMEOUT });
  });

  it('pause holds new mentions back and resume shows them', async () => {
    await page.getByTestId('pause-button').click();
    const word = uniqueWord('dashpause');
    await ingest(word, 'МТС, верните нормальную скорость');
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: LIVE_TIMEOUT }).toMatch(/Paused — \d+ new/);
    expect(await row(word).count()).toBe(0);
    await page.getByTestId('pause-button').click();
    await row(word).waitFor({ timeout: LIVE_TIMEOUT });
  });

  it('the keyboard moves through the feed and opens a mention', async () => {
    await page.locator(ROWS).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-index')`)).toBe('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-panel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('detail-panel').waitFor({ state: 'detached' });
  });

  it('a support agent opens a mention from a live leak alert, takes it, and sees it in the history and the feed', async () => {
    const word = uniqueWord('dashtake');
    const alerts = page.getByTestId('alerts-panel');
    await alerts.waitFor();
    const id = await ingest(word, `Билайн, третий день нет интернета, помогите! ${LEAK_TERM}`);

    // The leak alert arrives live, says who posted which term, and opens its mention.
    const leak = alerts.locator('[data-testid="alert-item"][data-kind="leak"]', { hasText: `@user_${word}` });
    await leak.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await leak.textContent()).toContain(LEAK_TERM);
    await leak.getByRole('button').click();
    const detail = page.getByTestId('detail-panel');
    const status = detail.getByTestId('workflow-status');
    await status.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await detail.textContent()).toContain(word);
    expect(await status.textContent()).toContain('New');
    expect(await detail.getByTestId('intent-badge').count()).toBe(1);
    await screenshot(page, 'dashboard-support-detail');

    await detail.getByRole('button', { name: 'Take' }).click();
    await expect.poll(() => status.textContent(), { timeout: LIVE_TIMEOUT }).toContain('In progress');
    await expect.poll(() => detail.getByTestId('history').textContent(), { timeout: LIVE_TIMEOUT }).toContain('In progress');
    // Taking an unassigned mention assigns it to the key's name.
    await expect.poll(() => detail.getByTestId('assignee-input').inputValue()).not.toBe('');
    expect(await detail.getByTestId('workflow-error').count()).toBe(0);
    const stored = await graphql<{ mention: { workflow: { status: string; firstResponseAt: string | null } } }>(
      pulse.baseUrl,
      'query($id: ID!) { mention(id: $id) { workflow { status firstResponseAt } } }',
      { id },
    );
    expect(stored.data?.mention.workflow.status).toBe('in_progress');
    expect(stored.data?.mention.workflow.firstResponseAt).not.toBeNull();
    await screenshot(page, 'dashboard-support-taken');

    // Tags, a note and a tone correction land in the history too.
    await detail.getByTestId('tag-input').fill('Billing, urgent');
    await detail.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => detail.getByTestId('tag-list').textContent(), { timeout: LIVE_TIMEOUT }).toContain('urgent');
    await detail.getByRole('button', { name: 'Remove tag urgent' }).click();
    await expect.poll(() => detail.getByTestId('tag-list').textContent(), { timeout: LIVE_TIMEOUT }).not.toContain('urgent');
    await detail.getByTestId('note-input').fill('Called the customer back');
    await detail.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => detail.getByTestId('history').textContent(), { timeout: LIVE_TIMEOUT }).toContain('Called the customer back');
    await detail.getByTestId('tone-select').selectOption('negative');
    await detail.getByRole('button', { name: 'Save tone' }).click();
    await expect.poll(() => detail.getByTestId('tone-correction').textContent(), { timeout: LIVE_TIMEOUT }).toContain('Corrected to Negative');
    expect(await detail.getByTestId('workflow-error').count()).toBe(0);
    // The typical answer for "no internet", signed with the brand, copies to the clipboard.
    const answer = detail.getByTestId('suggested-answer');
    if ((await answer.count()) > 0) {
      expect(await answer.locator('textarea').inputValue()).toContain('Билайн');
      await answer.getByRole('button', { name: 'Copy answer' }).click();
      await expect.poll(() => answer.getByRole('status').textContent()).toMatch(/Copied|Could not copy/);
    }
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // The feed's first page carries the workflow: searching for the mention shows it in progress.
    await page.getByTestId('filter-search').fill(word);
    await page.getByTestId('filter-search').press('Enter');
    await expect.poll(() => row(word).getByTestId('row-status').textContent(), { timeout: LIVE_TIMEOUT }).toContain('In progress');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator(ROWS).nth(1).waitFor({ timeout: LIVE_TIMEOUT });

    // Needs reply keeps only mentions the classifier says need an answer, first page and live alike.
    await page.getByTestId('filter-needs-reply').click();
    expect(await page.getByTestId('filter-needs-reply').getAttribute('aria-pressed')).toBe('true');
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
    await page.waitForTimeout(1500);
    const markers = await page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.querySelector('.badge.intent.reply') !== null));
    expect(markers.length).toBeGreaterThan(0);
    expect(new Set(markers)).toEqual(new Set([true]));
    await page.getByTestId('filter-needs-reply').click();

    // A viewer key sees the same mention but may not change it, and is told why.
    const created = await graphql<{ createApiKey: { key: string } }>(pulse.baseUrl, `mutation { createApiKey(input: { name: "dashboard viewer", role: viewer }) { key } }`);
    const viewerKey = created.data!.createApiKey.key;
    const viewerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const viewer = await viewerContext.newPage();
      await viewer.goto(`${target.baseUrl}/#key=${viewerKey}`);
      await viewer.getByTestId('filter-search').fill(word);
      await viewer.getByTestId('filter-search').press('Enter');
      const viewerRow = viewer.locator(ROWS, { hasText: word });
      await viewerRow.waitFor({ timeout: LIVE_TIMEOUT });
      await viewerRow.click();
      await viewer.getByTestId('detail-panel').getByRole('button', { name: 'Resolve' }).click();
      await expect.poll(() => viewer.getByTestId('workflow-error').textContent(), { timeout: LIVE_TIMEOUT }).toMatch(/your key is read-only/i);
      await screenshot(viewer, 'dashboard-support-viewer');
    } finally {
      await viewerContext.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a change made elsewhere (another agent, through the API) shows live in the feed row and the open panel, keeping what is typed', async () => {
    const word = uniqueWord('dashremote');
    const id = await ingest(word, 'Билайн, второй день нет интернета, помогите');
    await toneOf(id);
    // Searching for it keeps its row on screen while the demo source streams on.
    await page.getByTestId('filter-search').fill(word);
    await page.getByTestId('filter-search').press('Enter');
    const shown = row(word);
    await shown.waitFor({ timeout: LIVE_TIMEOUT });
    await shown.click();
    const detail = page.getByTestId('detail-panel');
    const status = detail.getByTestId('workflow-status');
    await status.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await status.textContent()).toContain('New');
    const draft = 'Draft for the team, not sent yet';
    await detail.getByTestId('note-input').fill(draft);
    await detail.getByTestId('tag-input').fill('callback');

    // Someone else resolves it: no reload, no click here.
    const changed = await graphql<{ setMentionStatus: { workflow: { status: string } } }>(
      pulse.baseUrl,
      'mutation($id: ID!) { setMentionStatus(id: $id, status: resolved) { workflow { status } } }',
      { id },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.setMentionStatus.workflow.status).toBe('resolved');

    await expect.poll(() => shown.getByTestId('row-status').textContent(), { timeout: LIVE_TIMEOUT }).toContain('Resolved');
    await expect.poll(() => status.textContent(), { timeout: LIVE_TIMEOUT }).toContain('Resolved');
    await expect.poll(() => detail.getByTestId('history').textContent(), { timeout: LIVE_TIMEOUT }).toContain('Resolved');
    // What was being typed survives the refresh.
    expect(await detail.getByTestId('note-input').inputValue()).toBe(draft);
    expect(await detail.getByTestId('tag-input').inputValue()).toBe('callback');
    await screenshot(page, 'dashboard-remote-change');

    await detail.getByRole('button', { name: /Close mention details/ }).click();
    await detail.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator(ROWS).nth(1).waitFor({ timeout: LIVE_TIMEOUT });
    expect(pageErrors).toEqual([]);
  });

  it('charts render with data: tone over time, share of voice, authors, sources', async () => {
    await page.locator('[data-period="24h"] [data-testid="tone-timeline"] rect').first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(await page.locator('[data-testid="share-of-voice"] li').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="top-authors"] li').count()).toBeGreaterThan(0);
    // The demo posts as the sources it imitates.
    expect(await page.getByTestId('source-breakdown').textContent()).toMatch(/VK|Telegram|X|Reddit|RSS/u);
    expect(await page.getByTestId('negative-share').locator('circle, path.line-negative').count()).toBeGreaterThan(0);
    // The timeline's accessible summary carries the same total the API reports.
    expect(await page.getByTestId('tone-timeline').getAttribute('aria-label')).toMatch(/\d+ mentions: \d+ negative/);

    await page.getByTestId('period-7d').click();
    expect(await page.getByTestId('period-7d').getAttribute('aria-checked')).toBe('true');
    await page.locator('[data-period="7d"] [data-testid="tone-timeline"] rect').first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(await page.locator('[data-period="7d"] [data-testid="tone-timeline"] text.axis').allTextContents()).not.toEqual([]);
    await screenshot(page, 'dashboard-charts');

    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboard-wall-screen');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });

  it('an admin opens Settings, sees a rule query error at its position, fixes it and finds the rule listed; typical answers list the seeded categories', async () => {
    await page.getByTestId('open-settings').click();
    const settings = page.getByTestId('settings');
    await settings.getByTestId('new-rule').click({ timeout: LIVE_TIMEOUT });
    const editor = settings.getByTestId('rule-editor');
    const name = `Billing complaints ${uniqueWord('rule')}`;
    await editor.getByTestId('rule-name').fill(name);
    const topicBoxes = editor.getByTestId('rule-topics').locator('input[type="checkbox"]');
    if ((await topicBoxes.count()) > 0) await topicBoxes.first().check();
    const badQuery = 'списали AND (';
    await editor.getByTestId('rule-query').fill(badQuery);
    await editor.getByTestId('rule-tags').fill('billing');
    const errorsBefore = pageErrors.length;
    await editor.getByTestId('rule-save').click();

    // The server names the field and the position: the error sits under the query, with a caret.
    const queryError = editor.getByTestId('field-error-conditions.query');
    await queryError.waitFor({ timeout: LIVE_TIMEOUT });
    const position = Number(/position (\d+)/.exec((await queryError.textContent()) ?? '')?.[1]);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThanOrEqual(badQuery.length);
    expect(await editor.getByTestId('error-caret').textContent()).toBe(`${badQuery}\n${' '.repeat(position)}^`);
    expect(await editor.getByTestId('rule-query').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'dashboard-settings-rule-error');
    // The refused save is an HTTP 400, which Chromium logs; that one is expected, nothing else is.
    const logged = pageErrors.splice(errorsBefore);
    expect(logged.every((e) => /status of 400/.test(e))).toBe(true);

    await editor.getByTestId('rule-query').fill('списали AND (деньги OR карта)');
    await editor.getByTestId('rule-save').click();
    await editor.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    const listed = settings.locator('[data-testid="rule-item"]', { hasText: name });
    await listed.waitFor({ timeout: LIVE_TIMEOUT });
    expect(await listed.getByTestId('rule-state').textContent()).toBe('Enabled');
    expect(await listed.getByTestId('rule-summary').textContent()).toMatch(/matching “списали AND \(деньги OR карта\)”.*→ tag billing/);
    const stored = await graphql<{ rules: { name: string; conditions: { query: string | null } }[] }>(pulse.baseUrl, '{ rules { name conditions { query } } }');
    expect(stored.data?.rules.find((r) => r.name === name)?.conditions.query).toBe('списали AND (деньги OR карта)');
    await screenshot(page, 'dashboard-settings-rules');

    await settings.getByTestId('settings-tab-answers').click();
    const categories = settings.getByTestId('answer-item');
    await categories.first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(await categories.count()).toBeGreaterThan(5);
    expect(await settings.getByTestId('answer-list').textContent()).toContain('Нет связи или интернета');
    expect(await settings.getByTestId('new-answer').count()).toBe(1);
    await screenshot(page, 'dashboard-settings-answers');

    await settings.getByTestId('settings-close').click();
    await settings.waitFor({ state: 'detached' });
    await page.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(pageErrors).toEqual([]);
  });

  it('a wrong key shows what is wrong and the key form; the right key then opens the feed', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const other = await fresh.newPage();
      await other.goto(`${target.baseUrl}/`);
      await other.getByLabel('API key').waitFor();
      expect(await other.getByTestId('key-error').count()).toBe(0);
      await screenshot(other, 'dashboard-no-key');

      await other.goto(`${target.baseUrl}/#key=pulse-not-a-real-key-000000000`);
      const message = other.getByTestId('key-error');
      await message.waitFor({ timeout: LIVE_TIMEOUT });
      expect(await message.textContent()).toMatch(/API key was not accepted/);
      expect(await other.evaluate(STORED_KEY)).toBeNull();
      await screenshot(other, 'dashboard-wrong-key');

      await other.getByLabel('API key').fill(TEST_API_KEY);
      await other.getByRole('button', { name: 'Open dashboard' }).click();
      await other.locator(ROWS).first().waitFor({ timeout: LIVE_TIMEOUT });
    } finally {
      await fresh.close();
    }
  });
});
