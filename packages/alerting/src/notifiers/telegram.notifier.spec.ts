import { afterEach, describe, expect, it } from 'vitest';
import { leakAlert, spikeAlert } from '../testing/alert.fixture.js';
import { startFakeHttp, type FakeHttpEndpoint } from '../testing/fake-http.fixture.js';
import { TelegramNotifier, telegramText } from './telegram.notifier.js';
import { DeliveryError } from './notifier.port.js';
import { rejection } from '../testing/rejection.fixture.js';

let endpoint: FakeHttpEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

const OK = { status: 200, body: '{"ok":true,"result":{"message_id":1}}' };

describe('TelegramNotifier', () => {
  it('calls sendMessage with chat_id, HTML text and parse_mode', async () => {
    endpoint = await startFakeHttp([OK]);
    await new TelegramNotifier({ botToken: '123:ABC', chatId: '-100500', apiBase: `${endpoint.url}/` }).send(spikeAlert);
    const [request] = endpoint.requests;
    expect(request!.path).toBe('/bot123:ABC/sendMessage');
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ chat_id: '-100500', parse_mode: 'HTML', disable_web_page_preview: true });
    expect(body.text).toContain('<b>[CRITICAL] Negative mentions spike: beeline</b>');
    expect(body.text).toContain('<b>Mentions:</b> 120 in 5 min');
  });

  it('escapes HTML in every piece of user text, the link included', () => {
    const text = telegramText(leakAlert);
    expect(text).toContain('<blockquote>Слили спеку ORION-7 &lt;b&gt;до&lt;/b&gt; релиза &amp; всё такое</blockquote>');
    expect(text).toContain('<a href="https://t.me/c/1/2?a=1&amp;b=&lt;2&gt;">');
    expect(text.replace(/<\/?(b|blockquote|a)( href="[^"]*")?>/g, '')).not.toMatch(/[<>]/);
  });

  it('keeps a huge quote within the 4096-character limit', () => {
    const text = telegramText({ ...leakAlert, excerpt: '<>&'.repeat(3000) });
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.endsWith('…</blockquote>')).toBe(true);
  });

  it('surfaces Bot API errors without the token: 400 permanent, 429 with retry_after', async () => {
    endpoint = await startFakeHttp([
      { status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' },
      { status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":3}}' },
      { status: 200, body: '{"ok":false,"description":"odd"}' },
    ]);
    const notifier = new TelegramNotifier({ botToken: '123:SECRET', chatId: '1', apiBase: endpoint.url });
    const badRequest = await rejection<DeliveryError>(notifier.send(spikeAlert));
    expect(badRequest.permanent).toBe(true);
    expect(badRequest.message).toContain('chat not found');
    expect(badRequest.message).not.toContain('SECRET');
    await expect(notifier.send(spikeAlert)).rejects.toMatchObject({ permanent: false, retryAfterMs: 3000 });
    await expect(notifier.send(spikeAlert)).rejects.toThrow(/did not confirm/);
  });
});
