import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadIntentEvalSet } from '../evaluation/intent-eval-set.js';
import { classifyIntent } from './intent.classifier.js';
import type { ToneLabel } from './intent.types.js';
import { toneAllowsIntent } from './tone-rule.js';

const TONES: readonly ToneLabel[] = ['negative', 'neutral', 'positive'];

describe('tone rule: intent never contradicts the tone it was given', () => {
  it('rules out praise for a negative post and complaint for a positive one, nothing for neutral', () => {
    expect(toneAllowsIntent('negative', 'praise')).toBe(false);
    expect(toneAllowsIntent('positive', 'complaint')).toBe(false);
    for (const intent of ['complaint', 'question', 'request', 'praise', 'other'] as const) expect(toneAllowsIntent('neutral', intent)).toBe(true);
    expect(toneAllowsIntent('negative', 'request')).toBe(true);
    expect(toneAllowsIntent('positive', 'question')).toBe(true);
  });

  it('holds for every labelled post under every tone', () => {
    for (const sample of loadIntentEvalSet()) {
      for (const tone of TONES) {
        const result = classifyIntent({ text: sample.text, direct: sample.direct, sentimentLabel: tone });
        expect(toneAllowsIntent(tone, result.intent), `${tone}: ${sample.text} → ${result.intent}`).toBe(true);
      }
    }
  });

  it('holds for arbitrary text built from praise and complaint words', () => {
    const words = ['спасибо', 'молодцы', 'нет', 'интернета', 'ужас', 'thanks', 'worst', 'amazing', 'not working', 'подскажите', '?', 'верните', 'МТС', 'и', 'опять'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), fc.constantFrom(...TONES), fc.boolean(), (parts, tone, direct) => {
        const result = classifyIntent({ text: parts.join(' '), sentimentLabel: tone, direct });
        expect(toneAllowsIntent(tone, result.intent)).toBe(true);
        expect(result.toneOverride === null || !toneAllowsIntent(tone, result.toneOverride)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('thanks in a negative post is not praise: the next intent the tone allows, else other', () => {
    const thanks = classifyIntent({ text: 'Спасибо, быстро всё починили, молодцы', sentimentLabel: 'negative' });
    expect(thanks).toMatchObject({ intent: 'other', toneOverride: 'praise', replyNeeded: false });
    expect(thanks.reasons.at(-2)).toMatch(/^tone: negative rules out praise .* so other$/);

    const sarcasm = classifyIntent({ text: 'спасибо МТС за прекрасный интернет, третий день без связи', sentimentLabel: 'negative' });
    expect(sarcasm.intent).toBe('complaint');

    const withRequest = classifyIntent({ text: 'Спасибо, молодцы, но верните деньги за подписку', sentimentLabel: 'negative' });
    expect(withRequest.intent).toBe('request');
  });

  it('complaint words in a positive post are not a complaint', () => {
    const result = classifyIntent({ text: 'Ужас как быстро привезли', sentimentLabel: 'positive' });
    expect(result.intent).not.toBe('complaint');
    expect(classifyIntent({ text: 'Ужас как быстро привезли' }).intent).toBe('complaint');
  });

  it('leaves a post alone when tone and cues agree, or when there is no tone', () => {
    const agreed = classifyIntent({ text: 'Спасибо, быстро всё починили, молодцы', sentimentLabel: 'positive' });
    expect(agreed).toMatchObject({ intent: 'praise', toneOverride: null });
    expect(classifyIntent({ text: 'Спасибо, быстро всё починили, молодцы' }).toneOverride).toBeNull();
  });
});
