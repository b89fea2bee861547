import type { RawMention, SentimentScores } from '@pulse/contracts';
import { mentionId, scoredMentionSchema } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { LanguageModelRouter } from '../model/language-model.router.js';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { ScoringService } from './scoring.service.js';

// The id derived from source + sourceId, as a validated raw mention carries it: the scored schema refuses any other.
const raw = (text: string, over: Partial<RawMention> = {}): RawMention => ({
  id: mentionId(over.source ?? 'demo', over.sourceId ?? text),
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
    // Two topics matched, neither term in the text (no `matches` given): the whole post's tone, said so.
    expect(scored[0]!.sentiment.byTopic).toEqual([
      { topicId: 'mts', label: 'negative', score: 0.8, explain: { rule: 'not-located', reason: "none of its terms is in the text: the whole post's tone" } },
      { topicId: 'beeline', label: 'negative', score: 0.8, explain: { rule: 'not-located', reason: "none of its terms is in the text: the whole post's tone" } },
    ]);
    for (const s of scored) expect(scoredMentionSchema.safeParse(s).success).toBe(true);
  });

  it('plans per-topic reads with the targeting rules, in the same single call, and explains each tone', async () => {
    const seen: string[][] = [];
    const model: SentimentModel = {
      ref: { id: 'targeted-test', version: '0' },
      targeted: true,
      classify: async (texts) => {
        seen.push([...texts]);
        return texts.map((t) => (t.includes('висит') ? { negative: 0.7, neutral: 0.2, positive: 0.1 } : t.includes('летает') ? { negative: 0.1, neutral: 0.2, positive: 0.7 } : { negative: 0.2, neutral: 0.6, positive: 0.2 }));
      },
    };
    const both = { language: 'ru', matches: [{ topicId: 'mts', terms: ['МТС'] }, { topicId: 'beeline', terms: ['Билайн'] }] };
    const [compared, contrasted, single, elsewhere] = await new ScoringService(model).score([
      raw('МТС лучше, чем Билайн', both),
      raw('У МТС интернет летает, а у Билайна всё висит', both),
      raw('МТС норм', { language: 'ru', topicIds: ['mts'], matches: [{ topicId: 'mts', terms: ['МТС'] }] }),
      raw('Билайн опять висит', both),
    ]);
    expect(seen).toEqual([
      [
        'МТС лучше, чем Билайн',
        '[BRAND] лучше, чем [OTHER]',
        '[OTHER] лучше, чем [BRAND]',
        'У МТС интернет летает, а у Билайна всё висит',
        'У [BRAND] интернет летает',
        'а у [BRAND] всё висит',
        'МТС норм',
        'Билайн опять висит',
      ],
    ]);
    expect(compared!.sentiment.label).toBe('neutral');
    expect(compared!.sentiment.byTopic).toEqual([
      { topicId: 'mts', label: 'positive', score: 0.2, explain: { rule: 'comparison-winner', reason: 'compared favourably with Билайн ("лучше")', evidence: 'МТС лучше, чем Билайн' } },
      { topicId: 'beeline', label: 'negative', score: 0.2, explain: { rule: 'comparison-loser', reason: 'compared unfavourably with МТС ("лучше")', evidence: 'МТС лучше, чем Билайн' } },
    ]);
    expect(contrasted!.sentiment.byTopic.map((t) => [t.topicId, t.label, t.score, t.explain?.rule, t.explain?.evidence])).toEqual([
      ['mts', 'positive', 0.7, 'own-clause', 'У МТС интернет летает'],
      ['beeline', 'negative', 0.7, 'own-clause', 'а у Билайна всё висит'],
    ]);
    expect(single!.sentiment.byTopic).toEqual([{ topicId: 'mts', label: 'neutral', score: 0.6, explain: { rule: 'whole-post', reason: 'one tracked brand in the post: its whole tone' } }]);
    expect(elsewhere!.sentiment.byTopic.map((t) => [t.topicId, t.label, t.explain?.rule])).toEqual([
      ['mts', 'negative', 'not-located'],
      ['beeline', 'negative', 'whole-post'],
    ]);
    for (const s of [compared, contrasted, single, elsewhere]) expect(scoredMentionSchema.safeParse(s).success).toBe(true);
  });

  it('locates brands from the query operands the collector reports as matched terms ("\\"МТС\\"", "*МТС*", "сберовск*")', async () => {
    const [switched] = await new ScoringService(new KeywordModel()).score([
      raw('Перешёл с Билайна на МТС и наконец-то нормальный интернет', {
        language: 'ru',
        matches: [
          { topicId: 'mts', terms: ['"МТС"', '*МТС*'] },
          { topicId: 'beeline', terms: ['"Билайн"', '*Билайн*', 'source:vk'] },
        ],
      }),
    ]);
    expect(switched!.sentiment.byTopic.map((t) => [t.topicId, t.label, t.explain?.rule])).toEqual([
      ['mts', 'positive', 'switch-to'],
      ['beeline', 'negative', 'switch-from'],
    ]);
  });

  it('reads clauses unmarked for a model not trained on brand markers', async () => {
    const seen: string[] = [];
    const model: SentimentModel = { ref: { id: 'plain', version: '0' }, classify: async (texts) => (seen.push(...texts), texts.map(() => ({ negative: 0.1, neutral: 0.8, positive: 0.1 }))) };
    await new ScoringService(model).score([raw('У МТС интернет летает, а у Билайна всё висит', { matches: [{ topicId: 'mts', terms: ['МТС'] }, { topicId: 'beeline', terms: ['Билайн'] }] })]);
    expect(seen.slice(1)).toEqual(['У МТС интернет летает', 'а у Билайна всё висит']);
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
