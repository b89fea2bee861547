import { describe, expect, it } from 'vitest';
import type { MentionReply } from '../api/api.types.js';
import { explainReplyError, firstResponseAfter, keyForSend, mergeReplies } from './reply-logic.js';

const reply = (id: string, over: Partial<MentionReply> = {}): MentionReply =>
  ({ id, kind: 'channel', status: 'sent', source: 'vk', text: 't', remoteId: null, url: null, by: 'anna', createdAt: '', sentAt: null, attempts: 1, idempotencyKey: id, account: null, error: null, ...over }) as MentionReply;

describe('reply logic', () => {
  it('explains refusals in words, with the wait, and says when sending again makes sense', () => {
    expect(explainReplyError({ code: 'RATE_LIMITED', message: 'VK error 9: Flood control', retryAfterSeconds: 60 })).toEqual({
      headline: 'Too many replies for now. Retry in 1 min.',
      detail: 'VK error 9: Flood control',
      canRetry: true,
      retryAfterSeconds: 60,
    });
    expect(explainReplyError({ code: 'POST_DELETED', message: 'gone', retryAfterSeconds: null })).toMatchObject({ headline: expect.stringContaining('deleted'), canRetry: false });
    expect(explainReplyError({ code: 'OUTCOME_UNKNOWN', message: 'timeout', retryAfterSeconds: null }).headline).toContain('may have been posted');
  });

  it('keeps one idempotency key while the same text goes to the same account, a new one otherwise', () => {
    let n = 0;
    const next = () => `k${++n}`;
    const first = keyForSend(undefined, 'Здравствуйте', 'mts-vk', next);
    expect(keyForSend(first, 'Здравствуйте', 'mts-vk', next)).toBe(first);
    expect(keyForSend(first, 'Здравствуйте!', 'mts-vk', next).key).toBe('k2');
    expect(keyForSend(first, 'Здравствуйте', 'mts-x', next).key).toBe('k3');
  });

  it('measures the first response from the mention’s arrival', () => {
    expect(firstResponseAfter('2026-03-02T10:00:00Z', '2026-03-02T10:03:00Z')).toBe('3 min');
    expect(firstResponseAfter('2026-03-02T10:00:00Z', null)).toBeNull();
  });

  it('merges a live re-read: the server’s replies, the panel’s own newer state, nothing lost', () => {
    const shown = [reply('a', { status: 'sent', attempts: 2 }), reply('mine')];
    const fresh = [reply('a', { status: 'pending', attempts: 1 }), reply('other')];
    expect(mergeReplies(shown, fresh).map((r) => [r.id, r.status])).toEqual([
      ['a', 'sent'],
      ['other', 'sent'],
      ['mine', 'sent'],
    ]);
    expect(mergeReplies(shown, undefined)).toEqual(shown);
  });
});
