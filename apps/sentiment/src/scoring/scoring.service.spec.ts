import type { RawMention, SentimentScores } from '@pulse/contracts';
import { scoredMentionSchema } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { LanguageModelRouter } from '../model/language-model.router.js';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { ScoringService } from './scoring.service.js';

const raw = (text: string, over: Partial<RawMention> = {}): RawMention => ({
  id: `demo:${text}`,
  source: 'demo',
  sourceId: text,
  url: null,
  text,
  language: 'und',
  author: { id: 'a', handle: 'a', name: 'A', url: null },
  publishedAt: '2026-11-20T10:00:00.000Z',
  collectedAt: '2026-11-20T10:00:00.000Z',
  topicIds: ['mts', 'beeline'],
  matches: [],
  direct: false,
  duplicateOf: null,
  spam: { score: 0, reasons: [] },
  ...over,
});

class KeywordModel implements SentimentModel {
  readonly ref = { id: 'keyword-test', version: '0' };
  calls = 0;
  async classify(texts: readonly string[]): Promise<SentimentScores[]> {
    this.calls++;
    return texts.map((t) => (t.includes('ужас') ? { negative: 0.8, neutral: 0.15, positive: 0.05 } : { negative: 0.1, neutral: 0.3, positive: 0.6 }));
  }
}

describe('ScoringService', () => {
  it('scores a whole batch in one model call and emits valid scored mentions', async () => {
    const model = new KeywordModel();
    const service = new ScoringService(model, () => new Date('2026-11-20T10:00:01.000Z'));
    const scored = await service.score([raw('МТС ужас, нет связи'), raw('Thanks MTS, works great', { language: 'en' })]);
    expect(model.calls).toBe(1);
    expect(scored.map((s) => s.sentiment.label)).toEqual(['negative', 'positive']);
    expect(scored[0]!.language).toBe('ru');
    expect(scored[1]!.language).toBe('en');
    expect(scored[0]!.sentiment.byTopic).toEqual([
      { topicId: 'mts', label: 'negative', score: 0.8 },
      { topicId: 'beeline', label: 'negative', score: 0.8 },
    ]);
    for (const s of scored) expect(scoredMentionSchema.safeParse(s).success).toBe(true);
  });

  it('scores each matched topic with its own marked input in the same single call', async () => {
    const seen: string[][] = [];
    const model: SentimentModel = {
      ref: { id: 'targeted-test', version: '0' },
      targeted: true,
      classify: async (texts) => {
        seen.push([...texts]);
        return texts.map((t) =>
          t.startsWith('[BRAND] лучше') ? { negative: 0.1, neutral: 0.2, positive: 0.7 } : t.includes('[BRAND]') ? { negative: 0.7, neutral: 0.2, positive: 0.1 } : { negative: 0.2, neutral: 0.6, positive: 0.2 },
        );
      },
    };
    const [multi, single] = await new ScoringService(model).score([
      raw('МТС лучше, чем Билайн', {
        language: 'ru',
        matches: [
          { topicId: 'mts', terms: ['МТС'] },
          { topicId: 'beeline', terms: ['Билайн'] },
        ],
      }),
      raw('МТС норм', { language: 'ru', topicIds: ['mts'], matches: [{ topicId: 'mts', terms: ['МТС'] }] }),
    ]);
    expect(seen).toEqual([['МТС лучше, чем Билайн', '[BRAND] лучше, чем [OTHER]', '[OTHER] лучше, чем [BRAND]', 'МТС норм']]);
    expect(multi!.sentiment.label).toBe('neutral');
    expect(multi!.sentiment.byTopic).toEqual([
      { topicId: 'mts', label: 'positive', score: 0.7 },
      { topicId: 'beeline', label: 'negative', score: 0.7 },
    ]);
    expect(single!.sentiment.byTopic).toEqual([{ topicId: 'mts', label: 'neutral', score: 0.6 }]);
  });

  it('routes mentions to the model configured for their language and records the detected language', async () => {
    const ru = new KeywordModel();
    const uk: SentimentModel & { calls: number } = Object.assign(new KeywordModel(), { ref: { id: 'uk-model', version: '1' } });
    const scored = await new ScoringService(new LanguageModelRouter(ru, new Map([['uk', uk]]))).score([
      raw('Дуже дякую, все вже працює'),
      raw('МТС ужас'),
      raw('Київстар знову не працює, що це таке?'),
    ]);
    expect(scored.map((s) => [s.language, s.model.id])).toEqual([
      ['uk', 'uk-model'],
      ['ru', 'keyword-test'],
      ['uk', 'uk-model'],
    ]);
    expect([ru.calls, uk.calls]).toEqual([1, 1]);
  });

  it('fails loudly if the model drops results', async () => {
    const broken: SentimentModel = { ref: { id: 'x', version: '0' }, classify: async () => [] };
    await expect(new ScoringService(broken).score([raw('a')])).rejects.toThrow(/0 results for 1/);
  });

  it('classifies intent with the tone as a cue and marks spam as needing no reply', async () => {
    const [complaint, spam, praise] = await new ScoringService(new KeywordModel()).score([
      raw('МТС ужас, третий день нет интернета, когда почините?', { direct: true }),
      raw('МТС ужас, третий день нет интернета, когда почините?', { spam: { score: 0.9, reasons: ['promo'] } }),
      raw('Thanks MTS, great support, love it'),
    ]);
    expect(complaint!.intent).toMatchObject({ replyNeeded: true });
    expect(['complaint', 'question']).toContain(complaint!.intent!.label);
    expect(complaint!.intent!.reasons.some((r) => r.includes('negative tone'))).toBe(true);
    expect(spam!.intent!.replyNeeded).toBe(false);
    expect(praise!.intent).toMatchObject({ label: 'praise', replyNeeded: false });
    for (const s of [complaint, spam, praise]) expect(scoredMentionSchema.safeParse(s).success).toBe(true);
  });
});
