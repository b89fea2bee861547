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
