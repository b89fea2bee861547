import { TOPICS } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './message-codec.js';

describe('decodeMessage', () => {
  it('names the reason for every kind of bad payload', () => {
    expect(decodeMessage(TOPICS.rawMentions, Buffer.from('{not json'), {})).toMatchObject({ ok: false, reason: 'invalid-json' });
    expect(decodeMessage(TOPICS.rawMentions, null, {})).toMatchObject({ ok: false, reason: 'invalid-json' });
    const invalid = decodeMessage(TOPICS.rawMentions, Buffer.from(JSON.stringify({ source: 'vk' })), {});
    expect(invalid).toMatchObject({ ok: false, reason: 'schema-violation' });
    expect(invalid.ok === false && invalid.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['sourceId', 'text', 'author']));
    expect(decodeMessage(TOPICS.rawMentions, Buffer.from('{}'), { 'pulse-schema-version': '2' })).toMatchObject({
      ok: false,
      reason: 'unsupported-version',
    });
  });
});

describe('encodeMessage trace context', () => {
  it('gives every message its own span under the caller trace', async () => {
    const { encodeMessage } = await import('./message-codec.js');
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const spans = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const header = encodeMessage(TOPICS.trackedTopics, { id: 't', name: 'T', keywords: ['t'], query: null, ownAccounts: [], status: 'active', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' }, 'test', parent).headers.traceparent!;
      expect(header).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
      spans.add(header);
    }
    expect(spans.size).toBe(3000);
  });
});
