import { mentionId, type ScoredMention } from '@pulse/contracts';
import { SecretRef } from '../../config/secret-ref.js';
import type { SendContext } from '../channels/channel.port.js';

/** A stored mention from `source` with `sourceId`, as the collector would have produced it. */
export function sourceMention(source: ScoredMention['source'], sourceId: string, over: Partial<ScoredMention> = {}): ScoredMention {
  const at = '2026-03-02T10:00:00.000Z';
  return {
    id: mentionId(source, sourceId),
    source,
    sourceId,
    url: null,
    text: 'МТС, третий день нет интернета',
    language: 'ru',
    author: { id: 'a1', handle: 'ivan', name: 'Иван', url: null },
    publishedAt: at,
    collectedAt: at,
    topicIds: ['mts'],
    matches: [{ topicId: 'mts', terms: ['МТС'] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
    intent: { label: 'complaint', replyNeeded: true, confidence: 0.9, reasons: [] },
    model: { id: 'm', version: '1' },
    scoredAt: at,
    ...over,
  };
}

/** A secret held in memory, for channel specs (the config reads env: and file: references). */
export function inlineSecret(value: string): SecretRef {
  return new SecretRef('env:PULSE_SPEC_SECRET', { PULSE_SPEC_SECRET: value });
}

export function sendContext(mention: ScoredMention, key = 'reply-key-1', createdAt = '2026-03-02T10:05:00.000Z'): SendContext {
  return { idempotencyKey: key, createdAt, mention };
}

/** The failure a promise rejects with, to compare code, message and retry-after. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; retryAfterSeconds: number | null }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; retryAfterSeconds: number | null };
    return { code: e.code, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  }
  throw new Error('expected a failure');
}
