import { afterEach, describe, expect, it } from 'vitest';
import { leakAlert, spikeAlert } from '../testing/alert.fixture.js';
import { startFakeHttp, type FakeHttpEndpoint } from '../testing/fake-http.fixture.js';
import { SlackNotifier, slackPayload } from './slack.notifier.js';

let endpoint: FakeHttpEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('SlackNotifier', () => {
  it('posts {text, blocks} to the incoming webhook', async () => {
    endpoint = await startFakeHttp();
    await new SlackNotifier({ url: `${endpoint.url}/services/T/B/X` }).send(spikeAlert);
    const body = JSON.parse(endpoint.requests[0]!.body) as { text: string; blocks: Array<{ type: string; fields?: Array<{ text: string }> }> };
    expect(body.text).toBe('[CRITICAL] Negative mentions spike: beeline');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(body.blocks[1]!.fields!.map((f) => f.text)).toContain('*Mentions*\n120 in 5 min');
  });

  it('escapes mrkdwn control characters and quotes a leaked post', () => {
    const payload = slackPayload(leakAlert);
    const json = JSON.stringify(payload);
    expect(json).toContain('&lt;b&gt;до&lt;/b&gt; релиза &amp; всё');
    expect(json).not.toContain('<b>');
    expect(payload.blocks.map((b) => (b as { type: string }).type)).toEqual(['header', 'section', 'section', 'context', 'context']);
  });

  it('treats a 404 as permanent and a 429 as retryable', async () => {
    endpoint = await startFakeHttp([{ status: 404, body: 'no_service' }, { status: 429, body: 'rate_limited', headers: { 'retry-after': '7' } }]);
    const notifier = new SlackNotifier({ url: endpoint.url });
    await expect(notifier.send(spikeAlert)).rejects.toMatchObject({ permanent: true, status: 404 });
    await expect(notifier.send(spikeAlert)).rejects.toMatchObject({ permanent: false, retryAfterMs: 7000 });
  });
});
